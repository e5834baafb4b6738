import type { AnnualReport } from '../report/annual-report.types';
import { check } from '../rules/check';
import { buildPeerCorpus } from '../rules/originality.rules';
import {
  generateNationBodies,
  NATION_DEFECT_KINDS,
  type NationFiling,
  SyntheticNation,
} from './nation';

function allFilings(nation: SyntheticNation): NationFiling[][] {
  return nation.years.map((year) => [...nation.filings(year)]);
}

describe('synthetic nation', () => {
  it('builds exactly the requested number of reporting bodies, parents first, unique codes', () => {
    const bodies = generateNationBodies({ bodies: 1234, years: 1, seed: 3 });
    const reporting = bodies.filter((b) => b.reports);
    expect(reporting).toHaveLength(1234);
    const seen = new Set<string>();
    for (const body of bodies) {
      expect(seen.has(body.code)).toBe(false);
      if (body.parentCode !== null) expect(seen.has(body.parentCode)).toBe(true);
      seen.add(body.code);
    }
    const levels = new Set(bodies.map((b) => b.level));
    expect([...levels].sort()).toEqual([
      'CITY',
      'COUNTY',
      'DEPARTMENT',
      'NATION',
      'PROVINCE',
      'TOWNSHIP',
    ]);
    // one root, the nation, which files nothing; the provinces sit under it
    const [root, ...rest] = bodies;
    expect(root).toMatchObject({ level: 'NATION', parentCode: null, reports: false });
    expect(rest.filter((b) => b.level === 'NATION' || b.parentCode === null)).toEqual([]);
    expect(
      rest.filter((b) => b.parentCode === root!.code).every((b) => b.level === 'PROVINCE'),
    ).toBe(true);
    // departments of the same kind and tier share a peer group
    const groups = new Set(reporting.map((b) => b.peerGroup));
    expect(groups.has('县级财政局') || groups.has('县级教育局')).toBe(true);
  });

  it('is deterministic from its seed', () => {
    const a = new SyntheticNation({ bodies: 150, years: 2, seed: 11, defectRate: 0.2 });
    const b = new SyntheticNation({ bodies: 150, years: 2, seed: 11, defectRate: 0.2 });
    const first = JSON.stringify(allFilings(a));
    expect(JSON.stringify(allFilings(b))).toBe(first);
    expect(a.manifest).toEqual(b.manifest);
    const c = new SyntheticNation({ bodies: 150, years: 2, seed: 12, defectRate: 0.2 });
    expect(JSON.stringify(allFilings(c))).not.toBe(first);
  });

  it('has realistic filings: most on time and approved, some missing, late, returned', () => {
    const nation = new SyntheticNation({ bodies: 1500, years: 2, seed: 5, defectRate: 0 });
    const [closed, open] = allFilings(nation);
    const share = (list: NationFiling[], test: (f: NationFiling) => boolean) =>
      list.filter(test).length / list.length;
    expect(closed!.length).toBeGreaterThan(1500 * 0.93);
    expect(closed!.length).toBeLessThan(1500);
    expect(
      share(closed!, (f) => f.status === 'APPROVED' || f.status === 'PUBLISHED'),
    ).toBeGreaterThan(0.8);
    expect(share(closed!, (f) => f.status === 'RETURNED')).toBeGreaterThan(0.01);
    expect(share(closed!, (f) => f.late)).toBeGreaterThan(0.03);
    expect(share(closed!, (f) => f.late)).toBeLessThan(0.15);
    expect(open!.length).toBeLessThan(closed!.length);
    expect(share(open!, (f) => f.status === 'DRAFT')).toBeGreaterThan(0.1);
  });

  it('clean filings pass every error rule and continue last year; every injected defect is found', () => {
    const nation = new SyntheticNation({ bodies: 400, years: 3, seed: 7, defectRate: 0.3 });
    const byYear = allFilings(nation);
    const stored = new Map<string, AnnualReport>();
    const found = new Set<string>();
    for (const [i, filings] of byYear.entries()) {
      const year = nation.years[i]!;
      const corpus = buildPeerCorpus(filings.map((f) => f.report));
      for (const filing of filings) {
        const previous = stored.get(`${filing.bodyCode}|${year - 1}`);
        const result = check(
          filing.report,
          previous ? { previous, peers: corpus } : { peers: corpus },
        );
        const rules = new Set(result.findings.map((f) => f.rule));
        if (filing.defects.length === 0)
          expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
        for (const entry of nation.manifest.filter(
          (m) => m.body === filing.bodyCode && m.year === year,
        )) {
          if (!rules.has(entry.rule))
            throw new Error(`${entry.defect} of ${entry.body} ${year}: ${[...rules].join(', ')}`);
          found.add(entry.defect);
        }
      }
      for (const filing of filings) stored.set(`${filing.bodyCode}|${year}`, filing.report);
    }
    expect(nation.manifest.length).toBeGreaterThan(200);
    expect([...found].sort()).toEqual([...NATION_DEFECT_KINDS].sort());
  });

  it('refuses years out of order and bad options', () => {
    const nation = new SyntheticNation({ bodies: 10, years: 2, seed: 1 });
    expect(() => nation.filings(nation.years[1]!).next()).toThrow(/come next/);
    expect(() => new SyntheticNation({ bodies: 0, years: 1 })).toThrow(/bodies/);
    expect(() => new SyntheticNation({ bodies: 5, years: 1, defectRate: 2 })).toThrow(/defectRate/);
  });
});
