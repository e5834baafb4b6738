import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The seed reports kept in the repository (test/fixtures/seeds). */
export const SEEDS_DIR = path.resolve(__dirname, '../../../../test/fixtures/seeds');

export function readSeed(prefix: string): { bytes: Buffer; name: string } {
  if (!existsSync(SEEDS_DIR)) {
    throw new Error(
      `seed reports not found: expected them in ${SEEDS_DIR} (test/fixtures/seeds in the repository)`,
    );
  }
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${prefix}_`));
  if (!file) throw new Error(`seed ${prefix}_… not found in ${SEEDS_DIR}`);
  return { bytes: readFileSync(path.join(SEEDS_DIR, file)), name: file };
}
