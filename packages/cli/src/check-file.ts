import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { check } from '@gongkai/report-model';
import { readReportFile } from './read-report-file';

/** What one report file amounts to: read and checked, or why it could not be read. */
export type FileCheck =
  | {
      readonly file: string;
      readonly ok: true;
      readonly template: string;
      readonly year: number;
      readonly organization: string;
      readonly cells: {
        readonly expected: number;
        readonly filled: number;
        readonly blank: number;
      };
      readonly findings: {
        readonly error: number;
        readonly warning: number;
        readonly info: number;
      };
    }
  | {
      readonly file: string;
      readonly ok: false;
      /** A code to act on: `encrypted-pdf`, `pdf-no-text`, `conversion-timeout`, `not-a-report`… */
      readonly reason: string;
      readonly error: string;
    };

/**
 * Reads and checks one report file — any format the CLI reads — and says what it found in one
 * record. Never throws: a file that cannot be read is a record with its reason. Meant to serve a
 * batch import too (one call per file).
 */
export async function checkFile(path: string, name = path): Promise<FileCheck> {
  const read = await readReportFile(path);
  if (!read.ok) {
    const error = read.reason.startsWith(`${path}: `)
      ? read.reason.slice(path.length + 2)
      : read.reason;
    return { file: name, ok: false, reason: read.code ?? 'unreadable', error };
  }
  const { summary } = check(read.report);
  return {
    file: name,
    ok: true,
    template: summary.template,
    year: summary.year,
    organization: summary.organization,
    cells: summary.cells,
    findings: {
      error: summary.counts.error,
      warning: summary.counts.warning,
      info: summary.counts.info,
    },
  };
}

/** Every regular file under a folder (hidden ones skipped), in name order, recursively. */
export async function filesUnder(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  await walk(folder);
  return out;
}

/** Checks every file under a folder, one after another, yielding one record per file. */
export async function* checkFolder(folder: string): AsyncGenerator<FileCheck> {
  for (const path of await filesUnder(folder)) yield checkFile(path, relative(folder, path));
}
