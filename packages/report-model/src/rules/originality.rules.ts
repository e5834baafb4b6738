import {
  MIN_SHINGLES,
  fingerprintReport,
  jaccard,
  proseShingleHashes,
} from '../originality/minhash';
import { SimilarityIndex } from '../originality/similarity-index';
import type { AnnualReport } from '../report/annual-report.types';
import type { Finding } from './finding.types';

/** Similarity above this share of shingles is flagged (local schemes deduct above 50%). */
export const SIMILARITY_THRESHOLD = 0.5;

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

function round(ratio: number): number {
  return Math.round(ratio * 10_000) / 10_000;
}

/** originality.previousYear: exact shingle similarity to the same body's previous report. */
export function previousYearFindings(report: AnnualReport, previous: AnnualReport): Finding[] {
  // the report is fingerprinted anyway (peers); last year's needs only its shingles
  const a = fingerprintReport(report).hashes;
  const b = proseShingleHashes(previous);
  if (a.length < MIN_SHINGLES || b.length < MIN_SHINGLES) return [];
  const similarity = jaccard(a, b);
  if (similarity <= SIMILARITY_THRESHOLD) return [];
  return [
    {
      rule: 'originality.previousYear',
      severity: 'warning',
      cells: ['sections'],
      expected: SIMILARITY_THRESHOLD,
      actual: round(similarity),
      message: `正文与本单位${previous.year}年度报告的相似度为${percent(similarity)}，超过50%`,
      messageEn: `The prose is ${percent(similarity)} similar to this body's ${previous.year} report (above 50%)`,
    },
  ];
}

/** The reports of a round, indexed once for `check(report, { peers })`. */
export type PeerCorpus = {
  readonly reports: readonly AnnualReport[];
  readonly index: SimilarityIndex;
};

export function buildPeerCorpus(reports: readonly AnnualReport[]): PeerCorpus {
  const index = new SimilarityIndex();
  for (const report of reports) index.add(fingerprintReport(report));
  return { reports, index };
}

function isCorpus(peers: readonly AnnualReport[] | PeerCorpus): peers is PeerCorpus {
  return !Array.isArray(peers);
}

/** originality.peer: estimated similarity to other bodies' reports of the same year, one finding per peer. */
export function peerFindings(
  report: AnnualReport,
  peers: readonly AnnualReport[] | PeerCorpus,
): Finding[] {
  const corpus = isCorpus(peers) ? peers : buildPeerCorpus(peers);
  const findings: Finding[] = [];
  for (const hit of corpus.index.query(fingerprintReport(report), SIMILARITY_THRESHOLD)) {
    const peer = corpus.reports[hit.id];
    if (!peer || peer === report) continue;
    if (peer.year !== report.year || peer.organization.name === report.organization.name) continue;
    findings.push({
      rule: 'originality.peer',
      severity: 'warning',
      cells: ['sections'],
      expected: SIMILARITY_THRESHOLD,
      actual: round(hit.similarity),
      message: `正文与${peer.organization.name}的${peer.year}年度报告相似度约为${percent(hit.similarity)}，超过50%`,
      messageEn: `The prose is about ${percent(hit.similarity)} similar to the ${peer.year} report of ${peer.organization.name} (above 50%)`,
    });
  }
  return findings;
}
