import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { renderReportHtml } from '@gongkai/report-import';
import { main } from './main';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-check-dir-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('gongkai check-dir', () => {
  it('prints one JSON line per file, with template, year and counts or the reason it could not be read', async () => {
    const folder = join(dir, 'region');
    mkdirSync(join(folder, 'county'), { recursive: true });
    const a = generateConsistentReport(31, '2021', 2023);
    const b = generateConsistentReport(32, 'legacy-2011', 2015);
    writeFileSync(join(folder, 'a.json'), JSON.stringify(a));
    writeFileSync(join(folder, 'county', 'b.json'), JSON.stringify(b));
    writeFileSync(join(folder, 'locked.pdf'), 'not a pdf at all');
    writeFileSync(join(folder, 'notes.xyz'), 'x');
    writeFileSync(join(folder, '.hidden.json'), '{');
    const sut = await run('check-dir', folder);
    expect(sut.code).toBe(1);
    const lines = sut.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([
      'a.json',
      'county/b.json',
      'locked.pdf',
      'notes.xyz',
    ]);
    expect(lines[0]).toMatchObject({
      ok: true,
      template: '2021',
      year: 2023,
      organization: a.organization.name,
    });
    expect(lines[0].cells.filled).toBeGreaterThan(0);
    expect(lines[0].findings).toEqual({
      error: expect.any(Number),
      warning: expect.any(Number),
      info: expect.any(Number),
    });
    expect(lines[1]).toMatchObject({ ok: true, template: 'legacy-2011', year: 2015 });
    expect(lines[2]).toMatchObject({ ok: false, reason: 'corrupt-pdf' });
    expect(lines[2].error).toMatch(/not a PDF/);
    expect(lines[3]).toMatchObject({ ok: false, reason: 'unknown-format' });
    expect(sut.stderr).toContain('4 file(s), 2 read, 2 not');
  });

  it('exits 0 when every file was read', async () => {
    const folder = join(dir, 'good');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'r.json'),
      JSON.stringify(generateConsistentReport(5, '2019', 2019)),
    );
    const sut = await run('check-dir', folder);
    expect(sut.code).toBe(0);
    expect(sut.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the folder when it does not exist', async () => {
    const sut = await run('check-dir', join(dir, 'missing'));
    expect(sut.code).toBe(2);
    expect(sut.stderr).toContain('no such folder');
    expect(sut.stdout).toBe('');
  });
});

describe('gongkai check-dir on PDF and Word files', () => {
  it('reads .pdf, .doc and .wps files LibreOffice made from a published report', async () => {
    const folder = join(dir, 'published');
    mkdirSync(folder);
    const report = generateConsistentReport(77, '2021', 2023);
    const html = join(folder, 'source.html');
    writeFileSync(html, renderReportHtml(report));
    for (const target of ['pdf:writer_pdf_Export', 'doc:MS Word 97']) {
      const run = spawnSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--convert-to',
          target,
          '--outdir',
          folder,
          html,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.status).toBe(0);
    }
    rmSync(html);
    copyFileSync(join(folder, 'source.doc'), join(folder, 'source.wps'));
    const sut = await run('check-dir', folder);
    const lines = sut.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(['source.doc', 'source.pdf', 'source.wps']);
    for (const line of lines)
      expect(line).toMatchObject({
        ok: true,
        template: '2021',
        year: 2023,
        organization: report.organization.name,
      });
    expect(sut.code).toBe(0);
    const parsed = await run('parse', join(folder, 'source.wps'));
    expect(JSON.parse(parsed.stdout).tables).toEqual(report.tables);
  }, 180_000);
});
