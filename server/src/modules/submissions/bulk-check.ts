import { randomUUID } from 'node:crypto';
import { type AnnualReport, parseReport } from '@gongkai/report-model';
import type { FieldProblem } from '../../common/domain-error';
import { RoundPeerCorpus } from './peer-corpus';
import type { PeerKeysText } from './peer-keys';
import { canonicalJsonText, checkVersion, contentHashOf } from './version-check';
import type { WrittenVersion } from './versions-written.port';

/** A counting version of the round, as the peer corpus reads it (its sections as JSON text). */
export type CorpusEntry = {
  readonly organizationId: string;
  readonly versionId: string;
  readonly sections: string | null;
};

/** One filing to check, already accepted by the round and organization checks. */
export type CheckItem = {
  /** Position in the whole ingest (`filings[<index>]` in problems). */
  readonly index: number;
  readonly organizationId: string;
  readonly organizationName: string;
  /** As given: validated here by `parseReport`. */
  readonly report: unknown;
  /** The same body's previous-year version (its report as JSON text), if any. */
  readonly previous: WrittenVersion['previous'];
};

export type CheckRequest = {
  readonly year: number;
  readonly items: readonly CheckItem[];
  /** False when the batch is refused anyway (its other problems): validate only, check nothing. */
  readonly check: boolean;
};

/** A checked version, ready to store: its report and findings already as JSON text. */
export type CheckedItem = {
  readonly versionId: string;
  readonly report: string;
  readonly findings: string;
  readonly summary: string;
  readonly findingCount: number;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  readonly gapCount: number;
  readonly contentHash: string;
  readonly peerKeys: PeerKeysText;
};

export type IndexedProblem = { readonly index: number; readonly problem: FieldProblem };

/** Either the batch's problems (nothing checked) or one checked version per item, in order. */
export type CheckOutcome = {
  readonly problems: readonly IndexedProblem[];
  readonly checked: readonly CheckedItem[];
};

/**
 * The computing part of the bulk path, free of I/O so it runs on a worker thread as well as on
 * the caller's: validates each report as a saved draft is validated (`parseReport`, the round's
 * year), then checks the batch in order with `checkVersion` against the round's peer corpus —
 * each checked report joins the corpus before the next one is checked, as it would after its
 * save — and serialises what is stored. Holds the corpus of one round for one ingest.
 */
export class BulkChecker {
  private readonly corpus: RoundPeerCorpus;

  constructor(readonly year: number) {
    this.corpus = new RoundPeerCorpus(year);
  }

  /** Sets (or replaces) counting versions of other bodies. */
  load(entries: readonly CorpusEntry[]): void {
    for (const e of entries)
      this.corpus.set(e.organizationId, e.versionId, {
        sections: (e.sections === null ? null : JSON.parse(e.sections)) as AnnualReport['sections'],
      });
  }

  /** Bodies that no longer count in the round (their submission is gone or out of the scope). */
  remove(organizationIds: readonly string[]): void {
    for (const id of organizationIds) this.corpus.delete(id);
  }

  check(request: CheckRequest): CheckOutcome {
    const problems: IndexedProblem[] = [];
    const reports = request.items.map((item) => {
      const field = `filings[${item.index}]`;
      const parsed = parseReport(item.report);
      if (!parsed.ok) {
        for (const e of parsed.errors.slice(0, 3))
          problems.push({
            index: item.index,
            problem: {
              field: `${field}.report.${e.path}`,
              message: `${item.organizationName}: ${e.message}`,
              reason: { key: 'submission.badReport' },
            },
          });
        return null;
      }
      if (parsed.report.year !== request.year) {
        problems.push({
          index: item.index,
          problem: {
            field: `${field}.report.year`,
            message: `${item.organizationName}: this round collects ${request.year} reports, not ${parsed.report.year}`,
            reason: {
              key: 'round.wrongYear',
              params: { expected: request.year, actual: parsed.report.year },
            },
          },
        });
        return null;
      }
      return parsed.report;
    });
    if (problems.length > 0 || !request.check) return { problems, checked: [] };

    const checked: CheckedItem[] = [];
    for (const [i, item] of request.items.entries()) {
      const report = reports[i]!;
      const previous =
        item.previous === null ? null : (JSON.parse(item.previous.report) as AnnualReport);
      // the canonical text is hashed, and stored too when it holds what JSON.stringify would
      // (the column is jsonb: the order of keys is not kept)
      const canonical = canonicalJsonText(report);
      const result = checkVersion(
        report,
        item.organizationId,
        previous,
        this.corpus,
        contentHashOf(canonical.text),
      );
      const versionId = randomUUID();
      // later filings compare with this one, as they would after its save
      this.corpus.set(item.organizationId, versionId, report);
      const stored = {
        report: canonical.sameAsStringify ? canonical.text : JSON.stringify(report),
        findings: JSON.stringify(result.findings),
      };
      checked.push({
        versionId,
        ...stored,
        summary: JSON.stringify(result.summary),
        findingCount: result.findings.length,
        errorCount: result.errorCount,
        warningCount: result.warningCount,
        infoCount: result.infoCount,
        gapCount: result.gapCount,
        contentHash: result.contentHash,
        peerKeys: result.peerKeys,
      });
    }
    return { problems: [], checked };
  }
}
