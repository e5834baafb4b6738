import { createHash } from 'node:crypto';
import { type AnnualReport, check, type CheckSummary } from '@gongkai/report-model';
import type { RoundPeerCorpus, StoredFinding } from './peer-corpus';
import { type PeerKeysText, peerKeysOfReport, peerKeysText } from './peer-keys';

/** What a stored version holds besides the report: the findings of `check()` and their counts. */
export type CheckedVersion = {
  readonly findings: StoredFinding[];
  readonly summary: CheckSummary & { peersCompared: number };
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  /** Template cells left blank plus required sections missing (0 = complete). */
  readonly gapCount: number;
  readonly contentHash: string;
  /** What later checks of other bodies compare with (`version_peer_keys`). */
  readonly peerKeys: PeerKeysText;
};

/** Keys written as `"key":`, kept for the next object (reports use a few hundred key names). */
const QUOTED_KEYS = new Map<string, string>();

/** Sorted keys by the first key as found, then the keys compared one by one (interned names). */
const SORTED_KEYS = new Map<string, { keys: string[]; sorted: string[] }[]>();
let sortedCount = 0;

function sortedKeys(keys: string[]): string[] {
  const first = keys.length === 0 ? '' : keys[0]!;
  let list = SORTED_KEYS.get(first);
  if (list)
    for (const known of list) {
      if (known.keys.length !== keys.length) continue;
      let i = 0;
      while (i < keys.length && known.keys[i] === keys[i]) i += 1;
      if (i === keys.length) return known.sorted;
    }
  const sorted = [...keys].sort();
  if (sortedCount >= 10_000) {
    SORTED_KEYS.clear();
    sortedCount = 0;
    list = undefined;
  }
  if (!list) SORTED_KEYS.set(first, (list = []));
  list.push({ keys, sorted });
  sortedCount += 1;
  return sorted;
}

/**
 * Canonical JSON (see `canonicalJson`) and whether `JSON.stringify` of the same value writes
 * the same values, only with the keys in another order: true unless the value holds
 * `undefined`, a function, a symbol, a hole of a sparse array or an object other than a plain
 * object or array (a `Date`, anything with `toJSON`), which the two write differently.
 */
export function canonicalJsonText(value: unknown): { text: string; sameAsStringify: boolean } {
  let out = '';
  let same = true;
  const write = (v: unknown): void => {
    if (typeof v === 'number') out += Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'string') out += JSON.stringify(v);
    else if (v === null) out += 'null';
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i += 1) {
        if (i > 0) out += ',';
        if (i in v) write(v[i]);
        else same = false;
      }
      out += ']';
    } else if (v && typeof v === 'object') {
      const proto = Object.getPrototypeOf(v) as unknown;
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in v) same = false;
      const keys = sortedKeys(Object.keys(v));
      out += '{';
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i]!;
        if (i > 0) out += ',';
        let quoted = QUOTED_KEYS.get(key);
        if (quoted === undefined) {
          quoted = `${JSON.stringify(key)}:`;
          if (QUOTED_KEYS.size < 10_000) QUOTED_KEYS.set(key, quoted);
        }
        out += quoted;
        write((v as Record<string, unknown>)[key]);
      }
      out += '}';
    } else {
      if (typeof v !== 'boolean') same = false;
      out += JSON.stringify(v) ?? 'null';
    }
  };
  write(value);
  return { text: out, sameAsStringify: same };
}

/**
 * JSON with object keys sorted: equal content, equal text. Written into one string (no array
 * per object or list); `undefined` and functions are written as `null`, holes of sparse
 * arrays as nothing. Numbers and `null` are written without `JSON.stringify` (a finite number's
 * text is `String(n)` in both), and the quoted form of each key and the sorted keys of each
 * shape of object are kept.
 */
export function canonicalJson(value: unknown): string {
  return canonicalJsonText(value).text;
}

/** sha256 of a canonical JSON text. */
export function contentHashOf(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}

/** sha256 of the canonical report JSON: an autosave of unchanged content writes nothing. */
export function reportContentHash(report: AnnualReport): string {
  return contentHashOf(canonicalJson(report));
}

/**
 * The one check of a version before it is stored (saves, uploads, imports and the bulk path):
 * `check()` with the same body's previous-year report and the round's peer corpus (the other
 * organizations' counting versions), peer findings made storable, and the counts kept beside.
 */
export function checkVersion(
  report: AnnualReport,
  organizationId: string,
  previous: AnnualReport | null,
  corpus: RoundPeerCorpus,
  contentHash: string = reportContentHash(report),
): CheckedVersion {
  const result = corpus.withPeersFor(organizationId, report, (peers) =>
    check(report, previous ? { previous, peers } : { peers }),
  );
  const findings = corpus.attribute(result.findings);
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const f of findings) {
    if (f.severity === 'error') errorCount += 1;
    else if (f.severity === 'warning') warningCount += 1;
    else infoCount += 1;
  }
  return {
    findings,
    summary: { ...result.summary, peersCompared: corpus.peersOf(organizationId) },
    errorCount,
    warningCount,
    infoCount,
    gapCount:
      result.summary.cells.blank +
      (result.summary.sections.required - result.summary.sections.present),
    contentHash,
    // the report's fingerprint is the one check() computed (cached per report)
    peerKeys: peerKeysText(peerKeysOfReport(report)),
  };
}
