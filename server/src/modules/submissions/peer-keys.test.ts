import { type AnnualReport, check, fingerprintReport } from '@gongkai/report-model';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { RoundPeerCorpus } from './peer-corpus';
import { peerKeysOfReport, peerKeysOfSections, storedFingerprint } from './peer-keys';

const report = (seed: number, name: string, year = 2023): AnnualReport =>
  generateConsistentReport(seed, '2021', year, { organization: { name, region: null } });

/** `source`'s prose under another body's name, with a sentence or more changed. */
function nearCopy(source: AnnualReport, seed: number, name: string, edits: number): AnnualReport {
  const copy = report(seed, name, source.year);
  const sections = { ...source.sections };
  for (let i = 0; i < edits; i += 1)
    sections.other = `${sections.other ?? ''}第${seed}-${i}条：本单位将继续做好政府信息公开工作，加强平台建设。`;
  return { ...copy, sections };
}

function peers(corpus: RoundPeerCorpus, organizationId: string, r: AnnualReport) {
  const result = corpus.withPeersFor(organizationId, r, (p) => check(r, { peers: p }));
  return corpus
    .attribute(result.findings)
    .filter((f) => f.rule === 'originality.peer')
    .map((f) => ({ actual: f.actual, data: f.data }))
    .sort((a, b) => a.data!.peerOrganizationId.localeCompare(b.data!.peerOrganizationId));
}

describe('peer keys', () => {
  // a round: distinct reports, near-copies of some at several distances, one body of prose too short
  const round: { id: string; version: string; report: AnnualReport }[] = [];
  for (let i = 0; i < 40; i += 1)
    round.push({ id: `org-${i}`, version: `v-${i}`, report: report(1000 + i, `单位${i}`) });
  for (let i = 0; i < 20; i += 1)
    round.push({
      id: `copy-${i}`,
      version: `vc-${i}`,
      report: nearCopy(round[i % 5]!.report, 2000 + i, `抄录单位${i}`, i % 7),
    });
  round.push({
    id: 'short',
    version: 'v-short',
    report: (() => {
      const r = report(3000, '短文单位');
      const sections = { ...r.sections };
      for (const key of Object.keys(sections))
        (sections as Record<string, string | null>)[key] = null;
      return { ...r, sections: { ...sections, other: '无。' } };
    })(),
  });

  it('finds, from the candidates sharing a stored key, exactly the peers of the whole round', () => {
    const whole = new RoundPeerCorpus(2023);
    for (const r of round) whole.set(r.id, r.version, r.report);
    const stored = round.map((r) => ({ ...r, keys: peerKeysOfReport(r.report) }));
    let flagged = 0;
    for (const [i, r] of round.entries()) {
      // a draft of one of them: the others are its peers
      const draft =
        i % 2 === 0 ? r.report : nearCopy(r.report, 4000 + i, r.report.organization.name, 1);
      const keys = new Set(peerKeysOfReport(draft).bandKeys);
      const candidates = stored
        .filter((s) => s.id !== r.id && s.keys.bandKeys.some((k) => keys.has(k)))
        .map((s) => ({
          organizationId: s.id,
          versionId: s.version,
          fingerprint: storedFingerprint(s.keys.signature!),
        }));
      const found = RoundPeerCorpus.ofCandidates(2023, candidates);
      const expected = peers(whole, r.id, draft);
      expect(peers(found, r.id, draft)).toEqual(expected);
      expect(found.peersOf(r.id)).toBe(candidates.length);
      flagged += expected.length;
    }
    // the round holds copies: the comparison is not vacuous
    expect(flagged).toBeGreaterThan(20);
  });

  it('keys only prose long enough to judge, and the same from a report or its stored sections', () => {
    const short = peerKeysOfReport(round.at(-1)!.report);
    expect(short).toEqual({ bandKeys: [], signature: null });
    const r = round[0]!.report;
    const keys = peerKeysOfReport(r);
    expect(keys.bandKeys).toHaveLength(32);
    expect(keys.signature).toHaveLength(512);
    expect(peerKeysOfSections(JSON.parse(JSON.stringify(r.sections)), 2023)).toEqual(keys);
    expect([...storedFingerprint(keys.signature!).signature]).toEqual([
      ...fingerprintReport(r).signature,
    ]);
  });

  it('gives other years other keys, so one year’s reports are no candidates of another’s', () => {
    const r = round[0]!.report;
    const other = peerKeysOfReport({ ...r, year: 2022 });
    const keys = new Set(peerKeysOfReport(r).bandKeys);
    expect(other.bandKeys.some((k) => keys.has(k))).toBe(false);
  });
});
