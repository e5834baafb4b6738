import type { RosterSummary } from '@gongkai/scoring';
import { createHash } from 'node:crypto';

/**
 * Everything a score depends on for one organization, by reference: the report and its
 * findings are named by the id of the submission version scored (versions are immutable, a
 * database trigger refuses to change them), the rest is carried by value. A snapshot stores
 * these; re-reading the versions reproduces its inputs exactly, and comparing digests tells
 * whether the data has changed since.
 */
export type InputRef = {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly regionName: string | null;
  readonly regionPath: readonly string[];
  readonly peerGroup: string;
  readonly departmentType: string | null;
  readonly deadline: string | null;
  readonly status: string | null;
  readonly firstSubmittedAt: string | null;
  readonly lastSubmittedAt: string | null;
  readonly returnedAt: string | null;
  /** The submitted version scored (report + stored findings); null when never submitted. */
  readonly versionId: string | null;
  /** Last year's version compared with (report, finding counts); null when none. */
  readonly previousVersionId: string | null;
  readonly roster: RosterSummary | null;
};

/** Labels of the fields, for "what changed" messages. */
const FIELD_LABELS: Readonly<Record<keyof InputRef, string>> = {
  organizationId: '单位',
  organizationName: '名称',
  regionName: '所属地区',
  regionPath: '所属地区',
  peerGroup: '同类组',
  departmentType: '部门类型',
  deadline: '截止时间',
  status: '状态',
  firstSubmittedAt: '首次报送时间',
  lastSubmittedAt: '最近报送时间',
  returnedAt: '退回时间',
  versionId: '报告版本',
  previousVersionId: '上年报告',
  roster: '人员名册',
};

const FIELDS = Object.keys(FIELD_LABELS) as (keyof InputRef)[];

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The text `refDigest` hashes: the reference with keys sorted, undefined fields left out. */
export function canonicalRef(ref: InputRef): string {
  return canonical(ref);
}

/** A stable digest of one organization's inputs (key order and undefined fields ignored). */
export function refDigest(ref: InputRef): string {
  return createHash('sha1').update(canonicalRef(ref)).digest('base64url');
}

/**
 * `inputsHash` computed as the digests stream in, in ascending organization id order (as
 * PostgreSQL orders `uuid`s, which is the order of their text): memory does not grow with the
 * population. An id out of order is a programming error and throws.
 */
export class InputsHasher {
  private readonly hash = createHash('sha256');
  private last: string | null = null;
  private n = 0;

  add(organizationId: string, digest: string): void {
    if (this.last !== null && organizationId <= this.last)
      throw new Error(`inputs hash: ${organizationId} comes after ${this.last}`);
    this.last = organizationId;
    this.n += 1;
    this.hash.update(`${organizationId}:${digest}\n`);
  }

  /** How many organizations were added. */
  get count(): number {
    return this.n;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** One hash over a set of organizations' digests, independent of their order. */
export function inputsHash(
  digests: Iterable<readonly [organizationId: string, digest: string]>,
): string {
  const sorted = [...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hasher = new InputsHasher();
  for (const [organizationId, digest] of sorted) hasher.add(organizationId, digest);
  return hasher.digest();
}

export type RefChanges = {
  readonly changed: readonly { organizationName: string; fields: readonly string[] }[];
  /** How many changed, when `changed` details only some of them (default: all listed). */
  readonly changedCount?: number;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** How many were added / removed, when the lists name only some of them (default: all). */
  readonly addedCount?: number;
  readonly removedCount?: number;
};

/** Which organizations differ between two sets of inputs, and in what. */
export function diffRefs(frozen: readonly InputRef[], current: readonly InputRef[]): RefChanges {
  const before = new Map(frozen.map((ref) => [ref.organizationId, ref]));
  const changed: { organizationName: string; fields: string[] }[] = [];
  const added: string[] = [];
  for (const ref of current) {
    const old = before.get(ref.organizationId);
    before.delete(ref.organizationId);
    if (!old) {
      added.push(ref.organizationName);
      continue;
    }
    const fields = new Set<string>();
    for (const field of FIELDS) {
      if (canonical(old[field]) !== canonical(ref[field])) fields.add(FIELD_LABELS[field]);
    }
    if (fields.size > 0)
      changed.push({ organizationName: ref.organizationName, fields: [...fields] });
  }
  const removed = [...before.values()].map((ref) => ref.organizationName);
  return { changed, added, removed };
}

/** `冻结后数据已变化：…` — null when nothing changed. Lists at most `limit` organizations. */
export function describeChanges(changes: RefChanges, limit = 5): string | null {
  const parts: string[] = [];
  const changedCount = changes.changedCount ?? changes.changed.length;
  if (changedCount > 0) {
    const shown = changes.changed.slice(0, limit);
    const named = shown.map((c) => `${c.organizationName}（${c.fields.join('、')}）`).join('；');
    const more = named !== '' && changedCount > shown.length ? ` 等${changedCount}个单位` : '';
    parts.push(`${changedCount}个单位数据有变化${named === '' ? '' : '：'}${named}${more}`);
  }
  const addedCount = changes.addedCount ?? changes.added.length;
  if (addedCount > 0) {
    parts.push(`新增${addedCount}个单位：${changes.added.slice(0, limit).join('、')}`);
  }
  const removedCount = changes.removedCount ?? changes.removed.length;
  if (removedCount > 0) {
    parts.push(`减少${removedCount}个单位：${changes.removed.slice(0, limit).join('、')}`);
  }
  return parts.length > 0 ? `冻结后数据已变化：${parts.join('；')}` : null;
}
