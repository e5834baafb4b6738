import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type TemplateId } from '@gongkai/report-model';
import { DEFAULT_YEARS, generateConsistentReport } from '@gongkai/report-model/testing';
import { ImportError } from '../import-error';
import { importReportFile } from '../import-report';
import { renderReportHtml } from '../render/report-html.renderer';
import { sofficeConvert } from '../test-support/soffice-fixtures';

const TEMPLATES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

function convertDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('gongkai-convert-'));
}

describe('importReportFile on .doc, .wps, .rtf and .odt', () => {
  let dir = '';
  const reports = TEMPLATES.map((template, i) =>
    generateConsistentReport(9_100 + i, template, DEFAULT_YEARS[template]),
  );
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongkai-word-'));
    chmodSync(dir, 0o755);
    const files = reports.map((report, i) => {
      const file = path.join(dir, `report-${i}.html`);
      writeFileSync(file, renderReportHtml(report, { print: true }));
      return file;
    });
    sofficeConvert(dir, files, 'doc:MS Word 97');
    sofficeConvert(dir, files.slice(0, 2), 'odt');
    sofficeConvert(dir, files.slice(2), 'rtf');
  }, 240_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [number, string, string][] = [
    [0, 'doc', 'doc'],
    [1, 'doc', 'wps'], // a Kingsoft WPS Writer file is a Word binary document
    [2, 'doc', 'doc'],
    [3, 'doc', 'doc'],
    [0, 'odt', 'odt'],
    [1, 'odt', 'odt'],
    [2, 'rtf', 'rtf'],
    [3, 'rtf', 'rtf'],
  ];
  it.each(cases)(
    'returns every cell, the template, year and organization of report %i saved as .%s and named .%s',
    async (i, saved, named) => {
      const report = reports[i]!;
      const before = convertDirs().length;
      const bytes = readFileSync(path.join(dir, `report-${i}.${saved}`));
      const result = await importReportFile(bytes, `报告.${named}`);
      expect(result.format).toBe(named);
      expect(result.report.tables).toEqual(report.tables);
      expect(result.report.template).toBe(report.template);
      expect(result.report.year).toBe(report.year);
      expect(result.report.organization.name).toBe(report.organization.name);
      // The temporary folder and profile of the conversion are gone.
      expect(convertDirs().length).toBe(before);
    },
    90_000,
  );

  it('names the format and what to install when LibreOffice is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'gongkai-nopath-'));
    try {
      const bytes = readFileSync(path.join(dir, 'report-0.doc'));
      const error = await failure(importReportFile(bytes, 'a.wps', { convert: { path: empty } }));
      expect(error.code).toBe('converter-missing');
      expect(error.message).toMatch(/\.wps/);
      expect(error.message).toMatch(/LibreOffice/);
      expect(error.message).toMatch(/apt-get install libreoffice-writer-nogui/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('stops a conversion that hangs after the timeout, kills it and removes its folder', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'gongkai-fake-soffice-'));
    const marker = path.join(bin, 'pid');
    try {
      writeFileSync(path.join(bin, 'soffice'), `#!/bin/sh\necho $$ > "${marker}"\nexec sleep 60\n`);
      chmodSync(path.join(bin, 'soffice'), 0o755);
      const bytes = readFileSync(path.join(dir, 'report-0.doc'));
      const before = convertDirs().length;
      const started = Date.now();
      const error = await failure(
        importReportFile(bytes, 'hang.doc', {
          convert: { path: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, timeoutMs: 1_500 },
        }),
      );
      expect(error.code).toBe('conversion-timeout');
      expect(error.message).toMatch(/\.doc/);
      expect(Date.now() - started).toBeLessThan(10_000);
      const pid = Number(readFileSync(marker, 'utf8'));
      expect(() => process.kill(pid, 0)).toThrow();
      expect(convertDirs().length).toBe(before);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('says LibreOffice could not open a damaged .doc', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(600, 0x42),
    ]);
    const error = await failure(importReportFile(bytes, 'broken.doc'));
    expect(['conversion-failed']).toContain(error.code);
    expect(error.describe()).toMatch(/^broken\.doc: /);
  }, 90_000);

  it('refuses a file named .doc that is not a Word document without running LibreOffice', async () => {
    const error = await failure(importReportFile(Buffer.from('just some text'), 'note.doc'));
    expect(error.code).toBe('conversion-failed');
    expect(error.message).toMatch(/not a \.doc file/);
  });
});
