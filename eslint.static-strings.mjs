import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  DEPTH,
  HOLE,
  HOLE_NODE,
  changes,
  frozen,
  keyName,
  setParents,
  unwrap,
  written,
} from './eslint.static-syntax.mjs';

// The text an expression holds when static analysis can honestly tell, for the SQL rule
// (eslint.sql-tables.mjs): string and number literals, templates and `+` of such, a `const` of
// the file or one imported from another project file by a relative path (followed through
// re-exports and `export *`, the file parsed with the linting parser and cached by its mtime),
// a member of a `const` object literal or an enum (`OBJ.member`, `OBJ['member']`, `ns.NAME` of
// `import * as ns`), and `.join()` of an array literal of such. An object or array is read only
// when nothing can change it after its literal: declared `as const`, or a `const` of this file
// that is not exported and whose every use is a read (not passed on, assigned, or a mutating
// call). A call of a function of the file or of one imported by a relative path whose body is a
// single `return` of a template literal or a string (`expectedInRoundSql('r', 'o')`) is read as
// that text, each parameter standing for its argument (or its default) read where the call is;
// an argument nobody can read stays unknown in the text. Anything else is unknown: another
// function's result, a parameter outside such a call, a `let`, a package import.
//
// The text comes back as pieces `{ text, at, range, hole }`: `at` is where `text` starts in the
// linted file when it is written there verbatim (else null), `range` the source range to report
// (for text read from another file, the expression of the linted file that led there), `hole`
// marks a part nobody can read (its text is `HOLE`).

export { HOLE };

/**
 * A reader of static strings for one linted file. `context` is the rule's context; other files
 * are parsed with `context.languageOptions.parser` and kept in `cache` (shared across files).
 */
export function staticStrings(context, cache) {
  const current = {
    path: context.filename,
    scope: (node) => context.sourceCode.getScope(node),
    exported: null,
  };
  const parser = context.languageOptions.parser;

  function fileAt(path) {
    let mtime;
    try {
      mtime = statSync(path).mtimeMs;
    } catch {
      return null;
    }
    const cached = cache.get(path);
    if (cached?.mtime === mtime) return cached.file;
    let file;
    try {
      const { ast, scopeManager, visitorKeys } = parser.parseForESLint(readFileSync(path, 'utf8'), {
        range: true,
        loc: false,
        comment: false,
        tokens: false,
        filePath: path,
        sourceType: 'module',
        ecmaVersion: 'latest',
      });
      setParents(ast, visitorKeys, null);
      const top =
        scopeManager.globalScope.childScopes.find((s) => s.type === 'module') ??
        scopeManager.globalScope;
      const scope = (node) => {
        for (let n = node; n; n = n.parent) {
          const found = scopeManager.acquire(n, true);
          if (found) return found.type === 'global' ? top : found;
        }
        return top;
      };
      file = { path, scope, exported: exportsOf(ast) };
    } catch {
      file = null; // a file the parser refuses holds nothing readable
    }
    cache.set(path, { mtime, file });
    return file;
  }

  function exportsOf(ast) {
    const names = new Map();
    const stars = [];
    for (const statement of ast.body) {
      if (statement.type === 'ExportAllDeclaration') {
        if (statement.exported)
          names.set(keyName({ key: statement.exported }), {
            source: statement.source.value,
            name: '*',
          });
        else stars.push(statement.source.value);
      } else if (statement.type === 'ExportNamedDeclaration') {
        const declaration = statement.declaration;
        if (declaration?.type === 'VariableDeclaration')
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === 'Identifier')
              names.set(declarator.id.name, { local: declarator.id.name });
          }
        else if (declaration?.id) names.set(declaration.id.name, { local: declaration.id.name });
        for (const specifier of statement.specifiers) {
          const exported = keyName({ key: specifier.exported });
          const local = keyName({ key: specifier.local });
          names.set(
            exported,
            statement.source ? { source: statement.source.value, name: local } : { local },
          );
        }
      }
    }
    return { names, stars };
  }

  function modulePath(from, source) {
    if (!source.startsWith('./') && !source.startsWith('../')) return null;
    const base = resolve(dirname(from), source.replace(/\.m?js$/, ''));
    for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}.mts`, `${base}/index.ts`]) {
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not this one
      }
    }
    return null;
  }

  /** What `name`, exported by the file `source` imports from `from`, is bound to. */
  function imported(from, source, name, depth) {
    const path = modulePath(from, source);
    const file = path && fileAt(path);
    if (!file || depth > DEPTH) return null;
    return name === '*' ? { namespace: file } : exportedBy(file, name, depth + 1);
  }

  function exportedBy(file, name, depth) {
    const entry = file.exported.names.get(name);
    if (entry?.local) return variableBinding(file.scope().set.get(entry.local), file, depth);
    if (entry) return imported(file.path, entry.source, entry.name, depth);
    if (name === 'default') return null;
    for (const star of file.exported.stars) {
      const found = imported(file.path, star, name, depth);
      if (found) return found;
    }
    return null;
  }

  function variableBinding(variable, file, depth, env) {
    const argument = env?.get(variable);
    if (argument) return argument; // a parameter of a call being read: its argument
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def) return null;
    if (def.type === 'TSEnumName' || def.type === 'FunctionName') return { node: def.node, file };
    if (def.type === 'ImportBinding') {
      const declaration = def.parent;
      const specifier = def.node;
      if (declaration.importKind === 'type' || specifier.importKind === 'type') return null;
      const name =
        specifier.type === 'ImportNamespaceSpecifier'
          ? '*'
          : specifier.type === 'ImportDefaultSpecifier'
            ? 'default'
            : keyName({ key: specifier.imported });
      return imported(file.path, declaration.source.value, name, depth);
    }
    if (def.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== 'Identifier')
      return null;
    const init = def.node.init;
    const shape = unwrap(init)?.type;
    if (
      (shape === 'ObjectExpression' || shape === 'ArrayExpression') &&
      !frozen(init) &&
      (def.parent.parent?.type === 'ExportNamedDeclaration' ||
        variable.references.some((reference) => !reference.init && changes(reference.identifier)))
    )
      return null; // something may change it after its literal
    return init ? { node: init, file } : null;
  }

  function binding(identifier, file, depth, env) {
    for (let scope = file.scope(identifier); scope; scope = scope.upper) {
      const variable = scope.set.get(identifier.name);
      if (variable) return variableBinding(variable, file, depth, env);
    }
    return null;
  }

  /**
   * The expression `node` stands for: through names, members and imports (`{ node, file, env }`;
   * `env` maps the parameters of the calls being read to their arguments).
   */
  function target(node, file, depth, env = null) {
    node = unwrap(node);
    if (!node || depth > DEPTH) return null;
    if (node.type === 'Identifier') {
      const bound = binding(node, file, depth, env);
      if (!bound || bound.namespace) return bound;
      return target(bound.node, bound.file, depth + 1, bound.env ?? null);
    }
    if (node.type === 'MemberExpression' && !node.optional) {
      const name = node.computed
        ? node.property.type === 'Literal'
          ? String(node.property.value)
          : undefined
        : node.property.name;
      const object = name === undefined ? null : target(node.object, file, depth + 1, env);
      if (!object) return null;
      if (object.namespace) {
        const found = exportedBy(object.namespace, name, depth + 1);
        return found && !found.namespace ? target(found.node, found.file, depth + 1) : found;
      }
      const container = object.node;
      if (container.type === 'ObjectExpression') {
        for (let i = container.properties.length - 1; i >= 0; i--) {
          const property = container.properties[i];
          if (property.type !== 'Property' || property.kind !== 'init') return null; // a spread
          if (keyName(property) === name)
            return target(property.value, object.file, depth + 1, object.env);
        }
        return null;
      }
      if (container.type === 'ArrayExpression' && /^\d+$/.test(name)) {
        const element = container.elements[Number(name)];
        return element && element.type !== 'SpreadElement'
          ? target(element, object.file, depth + 1, object.env)
          : null;
      }
      if (container.type === 'TSEnumDeclaration') {
        const members = container.body?.members ?? container.members;
        const member = members.find((m) => keyName({ key: m.id }) === name);
        return member?.initializer
          ? target(member.initializer, object.file, depth + 1, object.env)
          : null;
      }
      return null;
    }
    return { node, file, env };
  }

  /**
   * The function a call reads, with its parameters bound to the call's arguments, and the text
   * it returns (`{ returned, file, env }`), or null when the call is not one the rule reads.
   */
  function called(call, file, depth, env) {
    if (call.optional || call.arguments.some((a) => a.type === 'SpreadElement')) return null;
    const found = target(call.callee, file, depth + 1, env);
    const fn = found?.node;
    if (!fn || !/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(fn.type))
      return null;
    if (fn.async || fn.generator) return null;
    let returned = fn.body;
    if (returned.type === 'BlockStatement') {
      const [only, ...more] = returned.body;
      if (more.length > 0 || only?.type !== 'ReturnStatement') return null;
      returned = only.argument;
    }
    returned = unwrap(returned);
    const text =
      returned?.type === 'TemplateLiteral' ||
      (returned?.type === 'Literal' && typeof returned.value === 'string');
    if (!text) return null;
    const scope = found.file.scope(fn);
    const inner = new Map(found.env ?? []);
    for (const [i, param] of fn.params.entries()) {
      const id = param.type === 'AssignmentPattern' ? param.left : param;
      if (id.type !== 'Identifier') return null; // a pattern or a rest: not read
      const variable = scope?.set.get(id.name);
      if (!variable) return null;
      const argument = call.arguments[i];
      if (argument) inner.set(variable, { node: argument, file, env });
      else if (param.type === 'AssignmentPattern')
        inner.set(variable, { node: param.right, file: found.file, env: inner });
      else inner.set(variable, { node: HOLE_NODE, file, env: null });
    }
    return { returned, file: found.file, env: inner };
  }

  /**
   * The pieces of text `node` holds, or null when none can be read. `site` is the range of the
   * linted file to report for text of other files.
   */
  function pieces(expression, from = current, site = null, depth = 0, scopeEnv = null) {
    const found = target(expression, from, depth, scopeEnv);
    if (!found || found.namespace) return null;
    const { node, file, env } = found;
    if (file !== current) site ??= unwrap(expression).range;
    const here = file === current;
    const range = site ?? node.range;
    const unknown = (n) =>
      pieces(n, file, site, depth + 1, env) ?? [
        { text: HOLE, at: null, range: site ?? n.range, hole: true },
      ];
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string')
          return written(node.raw.slice(1, -1), here ? node.range[0] + 1 : null, range, site);
        return typeof node.value === 'number'
          ? [{ text: node.raw, at: here ? node.range[0] : null, range }]
          : null;
      case 'TemplateLiteral': {
        const out = [];
        node.quasis.forEach((quasi, i) => {
          out.push(
            ...written(quasi.value.raw, here ? quasi.range[0] + 1 : null, quasi.range, site),
          );
          const expression = node.expressions[i];
          if (!expression) return;
          // an unknown `${…}` is reported where it stands: from `${` to `}`
          const hole = site ?? [quasi.range[1] - 2, node.quasis[i + 1].range[0] + 1];
          out.push(
            ...(pieces(expression, file, site, depth + 1, env) ?? [
              { text: HOLE, at: null, range: hole, hole: true },
            ]),
          );
        });
        return out;
      }
      case 'BinaryExpression': {
        if (node.operator !== '+') return null;
        const left = pieces(node.left, file, site, depth + 1, env);
        const right = pieces(node.right, file, site, depth + 1, env);
        if (!left && !right) return null;
        return [...(left ?? unknown(node.left)), ...(right ?? unknown(node.right))];
      }
      case 'CallExpression': {
        const callee = node.callee;
        const read = called(node, file, depth, env);
        if (read)
          return pieces(
            read.returned,
            read.file,
            site ?? unwrap(expression).range,
            depth + 1,
            read.env,
          );
        if (
          callee.type !== 'MemberExpression' ||
          callee.computed ||
          callee.property.name !== 'join' ||
          node.arguments.length > 1
        )
          return null;
        const list = target(callee.object, file, depth + 1, env);
        if (list?.node?.type !== 'ArrayExpression') return null;
        const separator = node.arguments[0]
          ? unknown(node.arguments[0])
          : [{ text: ',', at: null, range }];
        const out = [];
        const add = (element, where) => {
          if (!element) return; // a hole in the array reads as an empty string
          if (element.type === 'SpreadElement') {
            const inner = target(element.argument, where, depth + 1, env);
            if (inner?.node?.type !== 'ArrayExpression') {
              out.push({ text: HOLE, at: null, range: site ?? element.range, hole: true });
              return;
            }
            for (const item of inner.node.elements) add(item, inner.file);
            return;
          }
          if (out.length > 0) out.push(...separator);
          out.push(
            ...(pieces(
              element,
              where,
              where === current ? site : (site ?? range),
              depth + 1,
              env,
            ) ?? [{ text: HOLE, at: null, range: site ?? element.range, hole: true }]),
          );
        };
        for (const element of list.node.elements) add(element, list.file);
        return out;
      }
      default:
        return null;
    }
  }

  return { pieces };
}
