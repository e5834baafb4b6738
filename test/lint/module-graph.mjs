// What imports what between the server's modules (and its other top-level folders): one line per
// module with the modules it imports and how many import statements reach each, and the files
// that reach into another module past its public surface (its index.ts). Prints text, or Mermaid
// with --mermaid.
//
//   node test/lint/module-graph.mjs [--mermaid]
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'server', 'src');

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** `modules/scoring` for a file under server/src/modules/scoring, else its top-level folder. */
function unitOf(path) {
  const parts = relative(src, path).split(sep);
  if (parts[0] === 'modules' && parts.length > 2) return `modules/${parts[1]}`;
  return parts.length > 1 ? parts[0] : '(root)';
}

/** The file an import resolves to (a folder resolves to its index.ts), without the extension. */
function resolveImport(file, specifier) {
  const target = resolve(dirname(file), specifier);
  return existsSync(target) && statSync(target).isDirectory() ? join(target, 'index') : target;
}

const edges = new Map();
const deep = [];
for await (const file of files(src)) {
  const from = unitOf(file);
  const text = await readFile(file, 'utf8');
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = resolveImport(file, match[1]);
    if (!target.startsWith(src)) continue;
    const to = unitOf(target + '.ts');
    if (to === from) continue;
    const key = `${from} → ${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
    if (to.startsWith('modules/') && !/\/(index|thread)$/.test(target)) {
      const line = `${relative(root, file)} → ${relative(root, target)}`;
      deep.push(line);
    }
  }
}

const sorted = [...edges].sort(([a], [b]) => a.localeCompare(b));
if (process.argv.includes('--mermaid')) {
  console.log('graph LR');
  for (const [key, n] of sorted) {
    const [from, to] = key.split(' → ');
    console.log(
      `  ${from.replace(/\W/g, '_')}[${from}] -->|${n}| ${to.replace(/\W/g, '_')}[${to}]`,
    );
  }
} else {
  const byFrom = new Map();
  for (const [key, n] of sorted) {
    const [from, to] = key.split(' → ');
    byFrom.set(from, [...(byFrom.get(from) ?? []), `${to.replace('modules/', '')} (${n})`]);
  }
  for (const [from, tos] of byFrom) console.log(`${from.padEnd(26)} → ${tos.join(', ')}`);
  console.log(`\n${deep.length} imports reach into another module past its index.ts`);
  for (const line of deep) console.log(`  ${line}`);
}
