import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A workbook as LibreOffice prints it: page count, page sizes in points, text per page. */
export type PrintedPdf = {
  readonly pages: number;
  /** [width, height] of every page, rounded to whole points. */
  readonly sizes: readonly (readonly [number, number])[];
  /** The text of page `n` (1-based), whitespace removed. */
  readonly page: (n: number) => string;
};

/**
 * Converts an .xlsx to PDF with headless LibreOffice (its own profile, in a temporary
 * directory that is removed afterwards) and reads it back with poppler's pdfinfo/pdftotext.
 */
export function printWorkbook(bytes: Buffer, baseName = 'workbook'): PrintedPdf {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
  try {
    const file = join(dir, `${baseName}.xlsx`);
    writeFileSync(file, bytes);
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    if (!readdirSync(dir).includes(`${baseName}.pdf`))
      throw new Error(`LibreOffice wrote no ${baseName}.pdf`);
    const pdf = join(dir, `${baseName}.pdf`);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), pdf], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((line) => /^Page\s+\d+ size:/.test(line))
      .map((line) => {
        const [, w, h] = /size:\s+([\d.]+) x ([\d.]+) pts/.exec(line) ?? [];
        return [Math.round(Number(w)), Math.round(Number(h))] as const;
      });
    const texts: string[] = [];
    for (let n = 1; n <= pages; n += 1)
      texts.push(
        execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], {
          encoding: 'utf8',
        }).replace(/\s+/g, ''),
      );
    return { pages, sizes, page: (n) => texts[n - 1] ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A4 landscape in points. */
export const A4_LANDSCAPE = [842, 595] as const;
