// Syntax helpers of the static-string reader (eslint.static-strings.mjs): unwrapping type
// assertions, whether an object may change after its literal, cooking escapes, mapping text back
// to the source, and parents for a file parsed outside ESLint.

export const HOLE = '\u0000';
// what a parameter without an argument or a default stands for: nothing the rule can read
export const HOLE_NODE = { type: 'Unknown' };
export const DEPTH = 16;
const MUTATORS =
  /^(push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin|set|delete|clear|add)$/;
const WRAPPERS = /^(TSAsExpression|TSSatisfiesExpression|TSNonNullExpression|TSTypeAssertion)$/;

export const unwrap = (node) => {
  while (node && WRAPPERS.test(node.type)) node = node.expression;
  return node;
};
export const frozen = (init) => {
  for (let node = init; node && WRAPPERS.test(node.type); node = node.expression)
    if (node.type === 'TSAsExpression' && node.typeAnnotation?.typeName?.name === 'const')
      return true;
  return false;
};
export const keyName = (property) =>
  !property.computed && property.key.type === 'Identifier'
    ? property.key.name
    : property.key.type === 'Literal'
      ? String(property.key.value)
      : undefined;

/** Whether a use of a variable may change the object it holds (or hand it to code that may). */
export function changes(identifier) {
  let node = identifier;
  let parent = node.parent;
  if (parent?.type === 'SpreadElement' || parent?.type === 'TSTypeQuery') return false; // copied, typed
  if (parent?.type === 'ForOfStatement' && parent.right === node) return false;
  if (parent?.type === 'ExportSpecifier') return true;
  if (parent?.type !== 'MemberExpression' || parent.object !== node) return true;
  while (parent?.type === 'MemberExpression' && parent.object === node) {
    node = parent;
    parent = node.parent;
  }
  if (parent?.type === 'AssignmentExpression' && parent.left === node) return true;
  if (parent?.type === 'UpdateExpression') return true;
  if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return true;
  if (parent?.type === 'CallExpression' && parent.callee === node)
    return MUTATORS.test(node.property?.name ?? '');
  return false;
}

const ESCAPE = /\\(?:x[0-9a-f]{2}|u\{[0-9a-f]+\}|u[0-9a-f]{4}|[0-7]{1,3}|\r\n|[\s\S])/gi;
const SIMPLE = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
  '\r\n': '',
  '\u2028': '',
  '\u2029': '',
};
function cooked(escape) {
  const body = escape.slice(1);
  if (body in SIMPLE) return SIMPLE[body];
  if (/^[xu]/i.test(body) && body.length > 1)
    return String.fromCodePoint(parseInt(body.replace(/[xu{}]/gi, ''), 16));
  if (/^[0-7]+$/.test(body)) return String.fromCharCode(parseInt(body, 8));
  return body;
}

/**
 * The text of a string's or template's source `raw` (at `at` in the linted file, or elsewhere
 * when null) as pieces: the runs written verbatim keep their place, an escape is read as the
 * character it stands for.
 */
export function written(raw, at, range, site) {
  const out = [];
  let from = 0;
  for (const escape of raw.matchAll(ESCAPE)) {
    if (escape.index > from)
      out.push({
        text: raw.slice(from, escape.index),
        at: at === null ? null : at + from,
        range: site ?? range,
      });
    const start = at === null ? null : at + escape.index;
    out.push({
      text: cooked(escape[0]),
      at: null,
      range: site ?? (start === null ? range : [start, start + escape[0].length]),
    });
    from = escape.index + escape[0].length;
  }
  if (from < raw.length || out.length === 0)
    out.push({ text: raw.slice(from), at: at === null ? null : at + from, range: site ?? range });
  return out;
}

export function setParents(node, keys, parent) {
  node.parent = parent;
  for (const key of keys[node.type] ?? []) {
    const child = node[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item) setParents(item, keys, node);
    } else if (child) setParents(child, keys, node);
  }
}
