import { SECTION_KEYS, type AnnualReport } from '@gongkai/report-model';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { flagOrganization, type ScoringInput } from '@gongkai/scoring';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { SAME_PROSE_SQL, SKIPPED_SPACE } from './scoring-source.reader';

/**
 * `SAME_PROSE_SQL` is `identicalProse` of the content flags read where the reports are stored.
 * This holds the two equal on random prose: every character the flags skip as white space, and
 * some they do not (an em space, a zero-width space), in random places of random sections.
 */
/** White space of every kind, skipped or not by the flags, written out so a drift of either side shows. */
const WHITE = [' ', '\t', '\n', '\v', '\f', '\r', '\u3000', '\u00a0', '\u2003', '\u200b', '\u2028'];
const FRAGMENTS = ['公开', '申请', '依', 'a', ...WHITE];

function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]) => xs[int(xs.length)]!,
  };
}

type Random = ReturnType<typeof generator>;

function prose(random: Random): string | null {
  if (random.chance(0.15)) return null;
  let text = '';
  for (let n = random.int(6); n > 0; n -= 1) text += random.pick(FRAGMENTS);
  return text;
}

/** The same text with white space added or removed at random places. */
function respaced(random: Random, text: string | null): string | null {
  if (text === null) return random.chance(0.5) ? null : random.pick(WHITE);
  let out = '';
  for (const ch of text) {
    if (WHITE.includes(ch) && random.chance(0.4)) continue;
    out += ch;
    if (random.chance(0.3)) out += random.pick(WHITE);
  }
  return out;
}

function withSections(report: AnnualReport, sections: Record<string, string | null>): AnnualReport {
  return { ...report, sections: { ...report.sections, ...sections } } as AnnualReport;
}

function flagged(report: AnnualReport, previous: AnnualReport): boolean {
  const input: ScoringInput = {
    organizationId: 'org',
    peerGroup: 'county-department',
    regionPath: ['province', 'org'],
    deadline: '2024-01-31T23:59:59.999+08:00',
    submission: {
      status: 'approved',
      firstSubmittedAt: '2024-01-20T09:00:00+08:00',
      returnedAt: null,
    },
    report,
    findings: [],
    previous: { findingCounts: { error: 0, warning: 0 }, report: previous },
    roster: null,
  };
  return flagOrganization(input, { asOf: '2024-03-15T12:00:00+08:00' }).some((flag) =>
    ((flag.evidence as { reasons?: unknown }).reasons as string[] | undefined)?.includes(
      'identicalProse',
    ),
  );
}

describe('SAME_PROSE_SQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers as identicalProse on random prose', async () => {
    const random = generator(7);
    const base = generateConsistentReport(21, '2021', 2023);
    const cases: { report: AnnualReport; previous: AnnualReport }[] = [];
    for (let i = 0; i < 300; i += 1) {
      const before: Record<string, string | null> = {};
      const after: Record<string, string | null> = {};
      const alike = random.chance(0.7);
      for (const key of SECTION_KEYS) {
        before[key] = prose(random);
        after[key] = alike ? respaced(random, before[key]!) : prose(random);
      }
      cases.push({ report: withSections(base, after), previous: withSections(base, before) });
    }
    const rows = (await app.dataSource.query(
      `SELECT c.i, ${SAME_PROSE_SQL.replaceAll('$3', '$2')} AS same_prose
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS c(item, i),
              LATERAL (SELECT c.item->'report' AS report) v,
              LATERAL (SELECT c.item->'previous' AS report) pv
        ORDER BY c.i`,
      [JSON.stringify(cases), SKIPPED_SPACE],
    )) as { i: string; same_prose: boolean }[];
    expect(rows).toHaveLength(cases.length);
    const sql = rows.map((r) => r.same_prose);
    const ts = cases.map((c) => flagged(c.report, c.previous));
    expect(sql).toEqual(ts);
    // both answers occur, and the skipped characters were exercised
    expect(ts.filter(Boolean).length).toBeGreaterThan(20);
    expect(ts.filter((t) => !t).length).toBeGreaterThan(20);
  }, 60_000);
});
