import {
  type AnnualReport,
  comparableText,
  type Finding,
  type Fingerprint,
  fingerprintReport,
  fingerprintText,
  type PeerCorpus,
  SimilarityIndex,
} from '@gongkai/report-model';

export const PEER_RULE = 'originality.peer';

/** What a stored `originality.peer` finding carries besides the rule's own fields. */
export type PeerFindingData = {
  readonly peerOrganizationId: string;
  readonly peerVersionId: string;
};

/** A finding as stored on a version: `check()`'s, plus the peer for `originality.peer`. */
export type StoredFinding = Finding & { readonly data?: PeerFindingData };

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** The message shown to anyone who may not see the peer organization (and the one stored). */
export function maskedPeerMessage(ratio: number, year: number): { zh: string; en: string } {
  return {
    zh: `正文与本轮另一单位的${year}年度报告相似度约为${percent(ratio)}，超过50%`,
    en: `The prose is about ${percent(ratio)} similar to another body's report in this round (above 50%)`,
  };
}

/** The message for viewers who may see the peer organization. */
export function revealedPeerMessage(
  ratio: number,
  year: number,
  peerName: string,
): { zh: string; en: string } {
  return {
    zh: `正文与${peerName}的${year}年度报告相似度约为${percent(ratio)}，超过50%`,
    en: `The prose is about ${percent(ratio)} similar to the ${year} report of ${peerName} (above 50%)`,
  };
}

type Slot = { organizationId: string; versionId: string };

const TOKEN = /#peer-slot-(\d+)#/;

/**
 * The counting reports of one round, as a peer corpus for `check(report, { peers })`. Only the
 * MinHash signatures are kept (no report text): each slot of the corpus holds a stand-in report
 * with the round's year and a slot token as its name, so a finding can be traced back to the
 * organization without the rule ever seeing a name. Replacing an organization's entry appends a
 * slot and retires the old one; the index is rebuilt once retired slots outnumber live ones.
 */
export class RoundPeerCorpus {
  private slots: (Slot | undefined)[] = [];
  private reports: AnnualReport[] = [];
  private index = new SimilarityIndex();
  private readonly live = new Map<string, number>();

  constructor(readonly year: number) {}

  /**
   * A corpus of the candidates one check needs: the other bodies' counting versions sharing a
   * band key with the report, with their stored signatures. The index compares a report only
   * with texts sharing a band key, so `check()` finds the same peers as in the whole round's
   * corpus; `peersOf` is then the number of candidates, the versions actually compared.
   */
  static ofCandidates(
    year: number,
    candidates: readonly { organizationId: string; versionId: string; fingerprint: Fingerprint }[],
  ): RoundPeerCorpus {
    const corpus = new RoundPeerCorpus(year);
    for (const c of candidates)
      corpus.append({ organizationId: c.organizationId, versionId: c.versionId }, c.fingerprint);
    return corpus;
  }

  get size(): number {
    return this.live.size;
  }

  versionOf(organizationId: string): string | null {
    const slot = this.live.get(organizationId);
    return slot === undefined ? null : (this.slots[slot]?.versionId ?? null);
  }

  /** Sets an organization's counting version (its report, or just its sections). */
  set(organizationId: string, versionId: string, report: Pick<AnnualReport, 'sections'>): void {
    if (this.versionOf(organizationId) === versionId) return;
    this.retire(organizationId);
    this.append({ organizationId, versionId }, slim(fingerprintOf(report)));
    if (this.slots.length > 64 && this.slots.length > 2 * this.live.size) this.compact();
  }

  delete(organizationId: string): void {
    this.retire(organizationId);
  }

  /**
   * Runs `check` with this corpus as its peers, the organization's own entry left out (its slot
   * holds the report being checked, which the rule skips). `check` is synchronous, so the slot is
   * restored before anything else can read the corpus.
   */
  withPeersFor<T>(organizationId: string, report: AnnualReport, run: (peers: PeerCorpus) => T): T {
    const own = this.live.get(organizationId);
    const saved = own === undefined ? undefined : this.reports[own];
    if (own !== undefined) this.reports[own] = report;
    try {
      return run({ reports: this.reports, index: this.index });
    } finally {
      if (own !== undefined && saved) this.reports[own] = saved;
    }
  }

  /** How many other bodies' reports a check of this organization compares with. */
  peersOf(organizationId: string): number {
    return this.live.size - (this.live.has(organizationId) ? 1 : 0);
  }

  /**
   * `check()`'s `originality.peer` findings made storable: the peer's identity moves from the
   * message into `data` (the stored message says "another body"), everything else is kept.
   */
  attribute(findings: readonly Finding[]): StoredFinding[] {
    const out: StoredFinding[] = [];
    for (const finding of findings) {
      if (finding.rule !== PEER_RULE) {
        out.push(finding);
        continue;
      }
      const slot = this.slots[Number(TOKEN.exec(finding.messageEn)?.[1] ?? -1)];
      if (!slot) continue; // not from this corpus: never store a message naming another body
      const ratio = finding.actual ?? 0;
      const message = maskedPeerMessage(ratio, this.year);
      out.push({
        ...finding,
        message: message.zh,
        messageEn: message.en,
        data: { peerOrganizationId: slot.organizationId, peerVersionId: slot.versionId },
      });
    }
    return out;
  }

  private append(slot: Slot, fingerprint: Fingerprint): void {
    const id = this.slots.length;
    this.slots.push(slot);
    this.reports.push(standIn(this.year, id));
    this.index.add(fingerprint);
    this.live.set(slot.organizationId, id);
  }

  private retire(organizationId: string): void {
    const old = this.live.get(organizationId);
    if (old === undefined) return;
    this.live.delete(organizationId);
    this.slots[old] = undefined;
    // a hole: the rule skips candidates without a report
    delete this.reports[old];
  }

  private compact(): void {
    const keep = [...this.live.values()].map((i) => ({
      slot: this.slots[i]!,
      fingerprint: this.index.fingerprints[i]!,
    }));
    this.slots = [];
    this.reports = [];
    this.index = new SimilarityIndex();
    this.live.clear();
    for (const k of keep) this.append(k.slot, k.fingerprint);
  }
}

function fingerprintOf(report: Pick<AnnualReport, 'sections'>): Fingerprint {
  // full reports are fingerprinted once (report-model caches by object); section-only rows
  // loaded for the corpus are fingerprinted from the same normalised prose
  if ('template' in report) return fingerprintReport(report as AnnualReport);
  return fingerprintText(report.sections ? comparableText(report as AnnualReport) : '');
}

/** The signature only: the shingle list behind exact similarity is not needed for LSH queries. */
function slim(fingerprint: Fingerprint): Fingerprint {
  const empty = new Uint32Array(0);
  return {
    shingles: fingerprint.shingles,
    signature: fingerprint.signature,
    hashes: empty,
    exact: () => empty,
  };
}

/** What the rule reads of a peer: its year and a name — here a token naming the slot. */
function standIn(year: number, slot: number): AnnualReport {
  return { year, organization: { name: `#peer-slot-${slot}#`, region: null } } as AnnualReport;
}
