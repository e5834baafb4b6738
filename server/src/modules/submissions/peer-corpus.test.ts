import { type AnnualReport, check } from '@gongkai/report-model';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { RoundPeerCorpus } from './peer-corpus';

const report = (seed: number, name: string): AnnualReport =>
  generateConsistentReport(seed, '2021', 2023, { organization: { name, region: null } });

function peerFindings(corpus: RoundPeerCorpus, organizationId: string, r: AnnualReport) {
  const result = corpus.withPeersFor(organizationId, r, (peers) => check(r, { peers }));
  return corpus.attribute(result.findings).filter((f) => f.rule === 'originality.peer');
}

describe('RoundPeerCorpus', () => {
  it('leaves the organization itself out and names the peer only in data', () => {
    const corpus = new RoundPeerCorpus(2023);
    const a = report(1, '甲局');
    corpus.set('org-a', 'v-a', a);
    corpus.set('org-b', 'v-b', report(2, '乙局'));
    expect(peerFindings(corpus, 'org-a', a)).toEqual([]);
    const [copy] = peerFindings(corpus, 'org-c', report(1, '丙局'));
    expect(copy?.data).toEqual({ peerOrganizationId: 'org-a', peerVersionId: 'v-a' });
    expect(copy?.actual).toBeGreaterThan(0.5);
    expect(copy?.message).not.toContain('甲局');
    expect(copy?.messageEn).toContain("another body's report in this round");
    expect(corpus.peersOf('org-c')).toBe(2);
    expect(corpus.peersOf('org-a')).toBe(1);
  });

  it('replaces an entry when the organization saves again, also across compactions', () => {
    const corpus = new RoundPeerCorpus(2023);
    corpus.set('org-a', 'v-a1', report(1, '甲局'));
    for (let i = 0; i < 70; i += 1) corpus.set('org-a', `v-a${i + 2}`, report(100 + i, '甲局'));
    expect(corpus.size).toBe(1);
    expect(corpus.versionOf('org-a')).toBe('v-a71');
    expect(peerFindings(corpus, 'org-c', report(1, '丙局'))).toEqual([]);
    const [latest] = peerFindings(corpus, 'org-c', report(169, '丙局'));
    expect(latest?.data?.peerVersionId).toBe('v-a71');
    corpus.delete('org-a');
    expect(peerFindings(corpus, 'org-c', report(169, '丙局'))).toEqual([]);
  });
});
