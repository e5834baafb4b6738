import { readdirSync, readFileSync } from 'node:fs';
import { HOLE, staticStrings } from './eslint.static-strings.mjs';

// Each module's SQL names only its own tables and the read views other modules publish
// (server/src/modules/README.md, "Read views"). The one map of who owns what:
// - a table belongs to the module whose folder declares its `@Entity('…')`;
// - the tables only migrations create belong to the module named in MIGRATION_TABLES (a test in
//   test/lint holds every table and view a migration creates to an owner);
// - a module's published views are the keys of the object in its `read-views.ts`, each mapped to
//   the table it projects.
// The CLI, the jobs, the tools, the database code and the demo seed own no table: their SQL names
// only read views (and tables no module owns: PostgreSQL's, pg-boss's, TypeORM's `migrations`),
// they read what a view leaves out through a module's exported lookups, and they write through the
// modules' commands. The migrations alone are exempt: a migration is where the tables and views
// are made (its SQL is frozen when written).
const MIGRATION_TABLES = {
  ranking_results: 'scoring',
  ranking_result_rows: 'scoring',
  ranking_result_flags: 'scoring',
  ranking_freeze_tasks: 'scoring',
  population_input_hashes: 'scoring',
  round_input_refs: 'scoring',
  round_input_ref_rows: 'scoring',
  ranking_result_points: 'scoring',
};
export function sqlOwnership(modulesDir = new URL('./server/src/modules/', import.meta.url)) {
  const tables = new Map(Object.entries(MIGRATION_TABLES));
  const views = new Map();
  const entities = new Map();
  for (const module of readdirSync(modulesDir, { withFileTypes: true })) {
    if (!module.isDirectory()) continue;
    const dir = new URL(`${module.name}/`, modulesDir);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const [, table] of text.matchAll(/@Entity\(\s*'([a-z0-9_]+)'/g))
        tables.set(table, module.name);
      for (const [, entity] of text.matchAll(/^export class ([A-Z]\w*Entity)\b/gm))
        entities.set(entity, module.name);
      if (file === 'read-views.ts')
        for (const [, view, table] of text.matchAll(/^\s*([a-z0-9_]+): '([a-z0-9_]+)',$/gm))
          views.set(view, { module: module.name, table });
    }
  }
  return { tables, views, entities };
}

// A keyword a table name follows, in any case (PostgreSQL folds them): FROM starts a comma list.
const KEYWORD = /\b(delete\s+from|from|join|into|update)\s+(?:only\s+)?/gi;
const WRITES = /^(delete|into|update)/i;
const IDENTIFIER = /^(?:"([^"]+)"|([a-z_][a-z0-9_$]*))/i;
// what ends an item of a FROM list where an alias could stand
const CLAUSE =
  /^(where|join|inner|left|right|full|cross|natural|on|using|group|order|limit|offset|having|window|union|except|intersect|returning|set|for|values|select|tablesample|with|when|then|else|end|and|or|as)$/i;
// a string whose keywords are lower or mixed case is SQL when it reads like a statement
const LOOKS_LIKE_SQL =
  /^['"`]?\s*\(?\s*(select|insert|update|delete|with|declare)\b|\bselect\b[\s\S]*\bfrom\s|\bjoin\s+\S+(\s+\w+)?\s+on\s/i;
// a relation names another module's entity by string; nothing else does (a TypeORM target by name)
const RELATION = /^(ManyToOne|OneToOne|OneToMany|ManyToMany)$/;
const TABLE_ARGUMENT = /^(from|(inner|left)Join(AndSelect|AndMapOne|AndMapMany)?)$/;

function skipSpace(text, at) {
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}
function skipParens(text, at) {
  let depth = 0;
  for (; at < text.length; at++) {
    if (text[at] === '(') depth++;
    else if (text[at] === ')' && --depth === 0) return at + 1;
  }
  return at;
}

/**
 * The tables named after a keyword at `at`: `{ name, index }`, or `{ hole, index }` for an
 * interpolation in a table's place. FROM takes a comma list (`FROM a x, b y, LATERAL f(…) z`).
 */
function tablesAt(text, at, keyword) {
  const list = /^from$/i.test(keyword);
  const calls = /^(from|join)$/i.test(keyword); // `INTO t (a, b)` names a table, `FROM f(…)` calls
  const found = [];
  for (;;) {
    at = skipSpace(text, at);
    if (/^lateral\b/i.test(text.slice(at, at + 8))) at = skipSpace(text, at + 7);
    if (text[at] === '(') at = skipParens(text, at);
    else if (text[at] === HOLE) {
      const start = at;
      while (text[at] === HOLE) at++;
      if (text[at] === '.') {
        const name = IDENTIFIER.exec(text.slice(at + 1)); // `${schema}.table`: the table is named
        if (name)
          found.push({ name: name[1] ?? name[2].toLowerCase(), index: at + (name[1] ? 2 : 1) });
        at += 1 + (name?.[0].length ?? 0);
      } else found.push({ hole: true, index: start });
    } else {
      let name = IDENTIFIER.exec(text.slice(at));
      if (!name) return found;
      let index = name[1] ? at + 1 : at; // the name itself, inside its quotes
      at += name[0].length;
      if (text[at] === '.') {
        const qualified = IDENTIFIER.exec(text.slice(at + 1));
        if (qualified) {
          index = qualified[1] ? at + 2 : at + 1;
          at += 1 + qualified[0].length;
          name = qualified;
        }
      }
      const next = skipSpace(text, at);
      if (calls && text[next] === '(')
        at = skipParens(text, next); // a function: not a table
      else if (
        name[0].includes(HOLE) ||
        text[at] === HOLE ||
        (text[at] === '.' && text[at + 1] === HOLE)
      ) {
        // a name quoted around, continued or qualified by what nobody can read (`"${t}"`,
        // `t_${n}`, `public.${t}`)
        found.push({ hole: true, index: text.indexOf(HOLE, index) });
        while (text[at] === HOLE || /[a-z0-9_$.]/i.test(text[at] ?? '')) at++;
      } else found.push({ name: name[1] ?? name[2].toLowerCase(), index });
    }
    if (!list) return found;
    // an alias (`AS x`, `x`) and its column list, then a comma for the next item
    at = skipSpace(text, at);
    const word = /^[a-z_][a-z0-9_]*/i.exec(text.slice(at));
    if (word && /^as$/i.test(word[0])) at = skipSpace(text, at + 2);
    const alias = /^[a-z_][a-z0-9_]*/i.exec(text.slice(at));
    if (alias && !CLAUSE.test(alias[0])) at = skipSpace(text, at + alias[0].length);
    if (text[at] === '(') at = skipSpace(text, skipParens(text, at));
    if (text[at] !== ',') return found;
    at++;
  }
}

export const ownTablesOnly = {
  meta: {
    type: 'problem',
    docs: {
      description: "A module's SQL names only its own tables and other modules' read views.",
    },
    schema: [],
  },
  create(context) {
    const path = context.filename.replaceAll('\\', '/');
    const inModule = /server\/src\/modules\/([^/]+)\//.exec(path);
    const outside = /server\/src\/(cli|jobs|tools|database|demo)\//.exec(path);
    if (!inModule && !outside) return {};
    const module = inModule?.[1] ?? null;
    const who = module ? `modules/${module}` : `server/src/${outside[1]}`;
    ownership ??= sqlOwnership();
    const { tables, views, entities } = ownership;
    const at = (index) => context.sourceCode.getLocFromIndex(index);
    const strings = staticStrings(context, parsedFiles);
    // one report per place and table: a constant's text is read where it is written and again
    // where it is interpolated
    const reported = new Set();
    const report = (node, [start, end], message) => {
      const key = `${start}:${end}:${message}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report({ node, loc: { start: at(start), end: at(end) }, message });
    };
    const check = (node, table, where, keyword, via) => {
      const owner = tables.get(table);
      if (!owner || owner === module) return;
      const published = [...views].filter(([, v]) => v.table === table).map(([view]) => view);
      const through = via ? ` (in the text of \`${via}\`)` : '';
      report(
        node,
        where,
        WRITES.test(keyword ?? '')
          ? `${who} writes ${table}, a table of modules/${owner}${through}: call a command of modules/${owner}'s exported service instead.`
          : published.length
            ? `${who} names ${table}, a table of modules/${owner}${through}: read its view ${published.join(' or ')} (${owner}/read-views.ts) instead.`
            : `${who} names ${table}, a table of modules/${owner}${through}, which publishes no read view of it: publish one in ${owner}/read-views.ts (and a migration), or call its exported service.`,
      );
    };
    // the SQL text of `parts` (pieces of staticStrings), tables reported where they are written,
    // or at the expression that brought them from another file
    const scan = (node, parts) => {
      let text = '';
      const starts = [];
      for (const part of parts) {
        starts.push(text.length);
        text += part.text;
      }
      const partAt = (index) => {
        let i = starts.length - 1;
        while (i > 0 && starts[i] > index) i--;
        return i;
      };
      const sql = LOOKS_LIKE_SQL.test(text);
      for (const found of text.matchAll(KEYWORD)) {
        const keyword = found[1];
        if (!sql && keyword !== keyword.toUpperCase()) continue;
        for (const item of tablesAt(text, found.index + found[0].length, keyword)) {
          const i = partAt(item.index);
          const part = parts[i];
          if (item.hole) {
            report(
              node,
              part.range,
              `${who} builds a table name after ${keyword.toUpperCase()} from an expression the rule cannot read: name the table, or a string constant (of this file or imported from another); where any table is meant (a backup), say why in an eslint-disable comment.`,
            );
            continue;
          }
          const start = part.at === null ? null : part.at + item.index - starts[i];
          const where = start === null ? part.range : [start, start + item.name.length];
          const via = part.at === null ? context.sourceCode.text.slice(...part.range) : null;
          check(node, item.name, where, keyword, via);
        }
      }
    };
    const isPlus = (node) => node?.type === 'BinaryExpression' && node.operator === '+';
    const tableArgument = (call) => {
      const callee = call.callee;
      return (
        (callee.type === 'MemberExpression' && TABLE_ARGUMENT.test(callee.property.name ?? '')) ||
        (callee.type === 'Identifier' && callee.name === 'plainRows')
      );
    };
    return {
      Literal(node) {
        if (typeof node.value !== 'string') return;
        const entity = entities.get(node.value);
        if (entity && entity !== module && !RELATION.test(node.parent?.callee?.name ?? ''))
          context.report({
            node,
            message: `${who} names ${node.value}, an entity of modules/${entity}, as a TypeORM target: read its rows through modules/${entity}'s lookups or service, write them through its commands.`,
          });
        if (!isPlus(node.parent)) scan(node, strings.pieces(node));
      },
      TemplateLiteral(node) {
        if (!isPlus(node.parent)) scan(node, strings.pieces(node));
      },
      // a whole chain of `+`, its unknown operands as holes
      BinaryExpression(node) {
        if (node.operator !== '+' || isPlus(node.parent)) return;
        const parts = strings.pieces(node);
        if (parts) scan(node, parts);
      },
      // a table name as the first argument of a query builder's `from`/`…Join`, or of `plainRows`;
      // else a call whose text the rule reads: an array's texts joined (`['SELECT …', 'FROM …']
      // .join('\n')`) or a function returning a template (`subtreeSql('o', $1)`), the text read
      // with the call's arguments (in a template or a `+`, with the text around it)
      CallExpression(node) {
        if (node.parent?.type !== 'TemplateLiteral' && !isPlus(node.parent)) {
          const parts = strings.pieces(node);
          if (parts) scan(node, parts);
        }
        const first = node.arguments[0];
        if (!first || !tableArgument(node)) return;
        const parts = strings.pieces(first);
        if (parts?.length !== 1 || parts[0].hole) return;
        const [part] = parts;
        const where = part.at === null ? part.range : [part.at, part.at + part.text.length];
        check(
          node,
          part.text,
          where,
          null,
          part.at === null ? context.sourceCode.text.slice(...part.range) : null,
        );
      },
    };
  },
};
let ownership;
// the other files whose constants were read, parsed once per lint (per mtime)
const parsedFiles = new Map();
