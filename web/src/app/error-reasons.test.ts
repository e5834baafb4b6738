import { describe, expect, it } from 'vitest';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

/** The server's sources, read at test time: every reason it can send needs a sentence. */
const serverSources = import.meta.glob('../../../server/src/**/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** `scoring model` → `scoringModel`, as `notFoundKind` in the server's domain-error.ts. */
const kind = (what: string) => what.replace(/\s+([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Reason keys in the server: `{ key: 'a.b' }` objects given to the error helpers (and the
 * `reason(...)`-style helpers that build them), and the `notFound.<kind>` a plain
 * `notFound('kind')` gets.
 */
function reasonKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [path, source] of Object.entries(serverSources)) {
    if (path.endsWith('.test.ts')) continue;
    const file = path.replace(/^.*server\/src\//, '');
    for (const m of source.matchAll(/\bkey: '([a-z][A-Za-z]*(?:\.[A-Za-z]+)+)'/g))
      found.set(m[1]!, file);
    for (const m of source.matchAll(/\bnotFound\(\s*'([a-z][a-z ]*)'\s*\)/g))
      found.set(`notFound.${kind(m[1]!)}`, file);
  }
  return found;
}

describe('reasons of server errors', () => {
  it('have a sentence in both catalogues for every reason key the server uses', () => {
    const keys = reasonKeys();
    // the scan must find the server's reasons, else it proves nothing
    for (const known of [
      'organization.codeTaken',
      'common.notAnId',
      'common.badCursor',
      'review.bulkEmpty',
      'notFound.round',
      'notFound.scoringModel',
    ])
      expect(keys.has(known), known).toBe(true);
    const missing = (catalogue: Record<string, string>) =>
      [...keys]
        .filter(([key]) => !Object.hasOwn(catalogue, `error.${key}`))
        .map(([key, file]) => `${key} (${file})`);
    expect(missing(zhCN)).toEqual([]);
    expect(missing(en)).toEqual([]);
  });
});
