import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Frozen inputs and results are written once and read whole: gzip-compressed JSON in a bytea
 * column (a 120,000-row ranking is a few megabytes instead of tens).
 */
export function packJson(value: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 6 });
}

export function unpackJson<T>(bytes: Buffer): T {
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as T;
}
