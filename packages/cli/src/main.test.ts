import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateYearPair, withCellDelta } from '@gongkai/report-model/testing';
import { main } from './main';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const { previous, current } = generateYearPair(11, '2021', 2023);

describe(main.name, () => {
  it('prints the summary and findings of check as JSON on stdout and exits 0', async () => {
    const broken = withCellDelta(current, 'reviewLitigation.review.upheld', 1);
    const sut = await run('check', file('broken.json', JSON.stringify(broken)));
    expect(sut).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(sut.stdout);
    expect(output.report).toMatchObject({ template: '2021', year: 2023, counts: { error: 1 } });
    expect(output.findings[0]).toMatchObject({
      rule: 'reviewLitigation.groupTotal',
      message: expect.stringContaining('行政复议'),
    });
  });

  it('runs the cross-year rules with --previous and prints English messages with --lang en', async () => {
    const changed = withCellDelta(current, 'applications.carriedOver.natural', 0);
    const sut = await run(
      'check',
      file(
        'current.json',
        JSON.stringify(withCellDelta(changed, 'article20.regulations.inForce', 2)),
      ),
      '--previous',
      file('previous.json', JSON.stringify(previous)),
      '--lang',
      'en',
    );
    expect(sut.code).toBe(0);
    const output = JSON.parse(sut.stdout);
    expect(output.report.crossYear).toBe('checked');
    expect(output.findings).toEqual([
      expect.objectContaining({
        rule: 'article20.inForceRollForward',
        message: expect.stringContaining('previous in force'),
      }),
    ]);
    expect(output.findings[0].messageEn).toBeUndefined();
  });

  it('prints the canonical report with parse', async () => {
    const sut = await run('parse', file('report.json', JSON.stringify(current)));
    expect(sut.code).toBe(0);
    expect(JSON.parse(sut.stdout)).toEqual(current);
  });

  it.each([
    ['a missing file', () => [join(dir, 'missing.json')], /missing\.json: no such file/],
    ['bad JSON', () => [file('bad.json', '{"format":')], /not valid JSON/],
    ['an unknown format', () => [file('report.pages', 'x')], /unknown format "\.pages"/],
    ['a file named .pdf that is not one', () => [file('report.pdf', 'x')], /not a PDF file/],
    [
      'a schema error',
      () => [file('neg.json', JSON.stringify({ ...current, year: 'x' }))],
      /not a valid report: year: expected a year/,
    ],
    [
      'an unknown option',
      () => [file('ok.json', JSON.stringify(current)), '--fast', '1'],
      /unknown option --fast/,
    ],
    [
      'a bad language',
      () => [file('ok2.json', JSON.stringify(current)), '--lang', 'fr'],
      /--lang must be zh or en/,
    ],
    ['no file', () => [], /check needs a file/],
  ])('exits 2 with a one-line reason on stderr for %s', async (_name, args, reason) => {
    const sut = await run('check', ...args());
    expect(sut.code).toBe(2);
    expect(sut.stdout).toBe('');
    expect(sut.stderr).toMatch(reason);
    expect(sut.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the JSON path of a 50 MB section', async () => {
    const huge = {
      ...current,
      sections: { ...current.sections, overview: 'x'.repeat(50 * 1024 * 1024) },
    };
    const path = file('huge.json', JSON.stringify(huge));
    const sut = await run('check', path);
    expect(sut.code).toBe(2);
    expect(sut.stderr).toMatch(/sections\.overview: text too long: 52428800 characters/);
  });

  it('exits 2 for an unknown command and 0 for --help', async () => {
    expect((await run('rank')).code).toBe(2);
    const help = await run('--help');
    expect(help).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('gongkai check <file>'),
    });
  });
});
