import { randomBytes } from 'node:crypto';

/** Marks a placeholder no client value can spell: the nonce is drawn when the process starts. */
const NONCE = randomBytes(16).toString('hex');
const MARK = `\u0000raw-json:${NONCE}:`;
/** A placeholder as `JSON.stringify` writes it (the NUL escaped as `\u0000`). */
const PLACEHOLDER = new RegExp(`"\\\\u0000raw-json:${NONCE}:(\\d+)"`, 'g');

/** Texts of the RawJson values met by the `stringifyWithRawJson` call under way, if any. */
let collecting: string[] | null = null;

/**
 * A JSON value kept as the text PostgreSQL sent (`report::text`): an answer that only passes a
 * stored document on to the client writes that text as it is, instead of parsing it into objects
 * and writing them out again. Written by `stringifyWithRawJson`; anywhere else (a plain
 * `JSON.stringify`), it stands for its parsed value.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    if (collecting === null) return JSON.parse(this.text) as unknown;
    collecting.push(this.text);
    return `${MARK}${collecting.length - 1}`;
  }
}

/** `JSON.stringify`, with every RawJson inside written as its own text. */
export function stringifyWithRawJson(value: unknown): string {
  const outer = collecting;
  const texts: string[] = [];
  collecting = texts;
  try {
    const json = JSON.stringify(value);
    return texts.length === 0 ? json : json.replace(PLACEHOLDER, (_m, i: string) => texts[+i]!);
  } finally {
    collecting = outer;
  }
}
