import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The shared seed reports, next to the repository (../shared/seeds). */
export const SEEDS_DIR = path.resolve(__dirname, '../../../../../shared/seeds');

export function readSeed(prefix: string): { bytes: Buffer; name: string } {
  if (!existsSync(SEEDS_DIR)) {
    throw new Error(
      `seed reports not found: expected them in ${SEEDS_DIR} (../shared/seeds from the repository root)`,
    );
  }
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${prefix}_`));
  if (!file) throw new Error(`seed ${prefix}_… not found in ${SEEDS_DIR}`);
  return { bytes: readFileSync(path.join(SEEDS_DIR, file)), name: file };
}
