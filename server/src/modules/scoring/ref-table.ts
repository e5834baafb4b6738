import type { RosterSummary } from '@gongkai/scoring';
import { toShanghaiIso } from '@gongkai/scoring';
import { createHash } from 'node:crypto';
import { canonicalRef, type InputRef } from './input-ref';

/**
 * The `InputRef`s of a score board, stored by column. A national board holds 120,000 of them;
 * as objects (seven strings each: ids, instants, names) they took ~100 MB of heap, which the
 * garbage collector then multiplied. Here repeated strings (regions, peer groups, deadlines,
 * statuses) are numbers into one table, instants are epoch milliseconds, version ids are 16
 * bytes, and each digest is 20 bytes; `get` rebuilds the exact object. Values that would not
 * come back identical (an instant not in the Asia/Shanghai form, an id that is not a
 * lower-case UUID) are kept as they are, so nothing is ever rebuilt differently.
 */
/** The columns of a `RefTable` (built by `RefTableBuilder`). */
type RefColumns = {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly regionPaths: readonly (readonly string[])[];
  readonly strings: readonly (string | null)[];
  /** Per row: regionName, peerGroup, departmentType, deadline, status (indexes of `strings`). */
  readonly codes: Uint32Array;
  /** Per row: firstSubmittedAt, lastSubmittedAt, returnedAt (epoch ms; NaN = null). */
  readonly instants: Float64Array;
  /** Per row: versionId, previousVersionId (16 bytes each, all zero = null). */
  readonly uuids: Uint8Array;
  /** Values kept as they are, by `row * 8 + field`. */
  readonly verbatim: ReadonlyMap<number, string | null>;
  readonly rosters: ReadonlyMap<number, RosterSummary>;
  readonly digestBytes: Uint8Array;
};

/** A `RefTable` as plain data (see `RefTable.parts`). */
export type RefTableParts = Omit<RefColumns, 'regionPaths'> & {
  readonly regionPrefixes: readonly (readonly string[])[];
  readonly regionPrefixIndex: Uint32Array;
  /** 1 when the row's region path ends with its own organization id. */
  readonly regionOwn: Uint8Array;
};

export class RefTable {
  private readonly ids: readonly string[];
  private readonly names: readonly string[];
  private readonly regionPaths: readonly (readonly string[])[];
  private readonly strings: readonly (string | null)[];
  private readonly codes: Uint32Array;
  private readonly instants: Float64Array;
  private readonly uuids: Uint8Array;
  private readonly verbatim: ReadonlyMap<number, string | null>;
  private readonly rosters: ReadonlyMap<number, RosterSummary>;
  private readonly digestBytes: Uint8Array;

  constructor(columns: RefColumns) {
    this.ids = columns.ids;
    this.names = columns.names;
    this.regionPaths = columns.regionPaths;
    this.strings = columns.strings;
    this.codes = columns.codes;
    this.instants = columns.instants;
    this.uuids = columns.uuids;
    this.verbatim = columns.verbatim;
    this.rosters = columns.rosters;
    this.digestBytes = columns.digestBytes;
  }

  get length(): number {
    return this.ids.length;
  }

  organizationId(row: number): string {
    return this.ids[row] as string;
  }

  organizationName(row: number): string {
    return this.names[row] as string;
  }

  regionPath(row: number): readonly string[] {
    return this.regionPaths[row] as readonly string[];
  }

  peerGroup(row: number): string {
    return this.code(row, PEER_GROUP) as string;
  }

  departmentType(row: number): string | null {
    return this.code(row, DEPARTMENT_TYPE);
  }

  regionName(row: number): string | null {
    return this.code(row, REGION_NAME);
  }

  status(row: number): string | null {
    return this.code(row, STATUS);
  }

  firstSubmittedAt(row: number): string | null {
    return this.instant(row, FIRST_SUBMITTED);
  }

  versionId(row: number): string | null {
    return this.uuid(row, VERSION);
  }

  /** The row's `refDigest`, computed when the board was built. */
  digest(row: number): string {
    return Buffer.from(
      this.digestBytes.buffer,
      this.digestBytes.byteOffset + row * DIGEST_BYTES,
      DIGEST_BYTES,
    ).toString('base64url');
  }

  /** The reference exactly as it was added. */
  get(row: number): InputRef {
    return {
      organizationId: this.organizationId(row),
      organizationName: this.organizationName(row),
      regionName: this.code(row, REGION_NAME),
      regionPath: this.regionPath(row),
      peerGroup: this.peerGroup(row),
      departmentType: this.departmentType(row),
      deadline: this.code(row, DEADLINE),
      status: this.code(row, STATUS),
      firstSubmittedAt: this.instant(row, FIRST_SUBMITTED),
      lastSubmittedAt: this.instant(row, LAST_SUBMITTED),
      returnedAt: this.instant(row, RETURNED),
      versionId: this.versionId(row),
      previousVersionId: this.uuid(row, PREVIOUS_VERSION),
      roster: this.rosters.get(row) ?? null,
    };
  }

  private code(row: number, field: number): string | null {
    return this.strings[this.codes[row * CODES + field] as number] ?? null;
  }

  private instant(row: number, field: number): string | null {
    const key = row * 8 + (INSTANT_FIELD[field] as number);
    if (this.verbatim.has(key)) return this.verbatim.get(key) ?? null;
    const ms = this.instants[row * INSTANTS + field] as number;
    return Number.isNaN(ms) ? null : toShanghaiIso(ms);
  }

  private uuid(row: number, field: number): string | null {
    const key = row * 8 + (UUID_FIELD[field] as number);
    if (this.verbatim.has(key)) return this.verbatim.get(key) ?? null;
    const at = (row * UUIDS + field) * 16;
    const bytes = this.uuids.subarray(at, at + 16);
    if (bytes.every((b) => b === 0)) return null;
    const hex = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /**
   * The table as plain data to send to another thread: region paths as an index into their
   * distinct prefixes (every path but its last id) plus whether the last id is the row's own
   * organization, so no id string is sent twice.
   */
  parts(): RefTableParts {
    const prefixes: (readonly string[])[] = [];
    const known = new Map<string, number>();
    const prefixIndex = new Uint32Array(this.ids.length);
    const own = new Uint8Array(this.ids.length);
    this.regionPaths.forEach((path, row) => {
      const last = path[path.length - 1];
      const ends = last !== undefined && last === this.ids[row];
      const prefix = ends ? path.slice(0, -1) : path.slice();
      const key = prefix.join('/');
      let index = known.get(key);
      if (index === undefined) {
        index = prefixes.length;
        prefixes.push(prefix);
        known.set(key, index);
      }
      prefixIndex[row] = index;
      own[row] = ends ? 1 : 0;
    });
    return {
      ids: this.ids,
      names: this.names,
      regionPrefixes: prefixes,
      regionPrefixIndex: prefixIndex,
      regionOwn: own,
      strings: this.strings,
      codes: this.codes,
      instants: this.instants,
      uuids: this.uuids,
      verbatim: this.verbatim,
      rosters: this.rosters,
      digestBytes: this.digestBytes,
    };
  }

  /** The table back from `parts()`. */
  static fromParts(parts: RefTableParts): RefTable {
    const regionPaths = new Array<readonly string[]>(parts.ids.length);
    for (let row = 0; row < parts.ids.length; row += 1) {
      const prefix = parts.regionPrefixes[parts.regionPrefixIndex[row] as number] ?? [];
      // concat sizes the array exactly (spreading leaves room to grow: 3× the memory).
      regionPaths[row] =
        parts.regionOwn[row] === 1 ? prefix.concat(parts.ids[row] as string) : prefix;
    }
    return new RefTable({
      ids: parts.ids,
      names: parts.names,
      regionPaths,
      strings: parts.strings,
      codes: parts.codes,
      instants: parts.instants,
      uuids: parts.uuids,
      verbatim: parts.verbatim,
      rosters: parts.rosters,
      digestBytes: parts.digestBytes,
    });
  }

  /** The typed arrays of `parts` (moved, not copied, to another thread). */
  static transferables(parts: RefTableParts): ArrayBuffer[] {
    return [
      parts.regionPrefixIndex,
      parts.regionOwn,
      parts.codes,
      parts.instants,
      parts.uuids,
      parts.digestBytes,
    ].map((array) => array.buffer as ArrayBuffer);
  }

  /** Collects references one at a time; `build` stores them in the order given. */
  static builder(): RefTableBuilder {
    return new RefTableBuilder();
  }
}

const REGION_NAME = 0;
const PEER_GROUP = 1;
const DEPARTMENT_TYPE = 2;
const DEADLINE = 3;
const STATUS = 4;
const CODES = 5;
const FIRST_SUBMITTED = 0;
const LAST_SUBMITTED = 1;
const RETURNED = 2;
const INSTANTS = 3;
const VERSION = 0;
const PREVIOUS_VERSION = 1;
const UUIDS = 2;
/** `verbatim` key offsets (row * 8 + offset) of the instant and id fields. */
const INSTANT_FIELD: readonly number[] = [0, 1, 2];
const UUID_FIELD: readonly number[] = [3, 4];
const DIGEST_BYTES = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** See `RefTable.builder`. */
export class RefTableBuilder {
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly regionPaths: (readonly string[])[] = [];
  private readonly strings: (string | null)[] = [null];
  private readonly stringIndex = new Map<string, number>();
  private readonly codes: number[] = [];
  private readonly instants: number[] = [];
  private uuidBytes = new Uint8Array(0);
  private readonly verbatim = new Map<number, string | null>();
  private readonly rosters = new Map<number, RosterSummary>();
  private digests = new Uint8Array(0);

  get length(): number {
    return this.ids.length;
  }

  organizationId(i: number): string {
    return this.ids[i] as string;
  }

  organizationName(i: number): string {
    return this.names[i] as string;
  }

  /** Adds a reference (and computes its digest); returns its position. */
  add(ref: InputRef): number {
    const i = this.ids.length;
    this.ids.push(ref.organizationId);
    this.names.push(ref.organizationName);
    this.regionPaths.push(ref.regionPath);
    for (const value of [
      ref.regionName,
      ref.peerGroup,
      ref.departmentType,
      ref.deadline,
      ref.status,
    ]) {
      this.codes.push(this.intern(value));
    }
    [ref.firstSubmittedAt, ref.lastSubmittedAt, ref.returnedAt].forEach((value, field) => {
      const ms = value === null ? NaN : Date.parse(value);
      const exact = value === null || (!Number.isNaN(ms) && toShanghaiIso(ms) === value);
      this.instants.push(exact ? ms : NaN);
      if (!exact) this.verbatim.set(i * 8 + (INSTANT_FIELD[field] as number), value);
    });
    if ((i + 1) * UUIDS * 16 > this.uuidBytes.length) {
      const grown = new Uint8Array(Math.max(1024 * UUIDS * 16, this.uuidBytes.length * 2));
      grown.set(this.uuidBytes);
      this.uuidBytes = grown;
    }
    [ref.versionId, ref.previousVersionId].forEach((value, field) => {
      const exact = value === null || (UUID.test(value) && value !== NIL_UUID);
      if (exact && value !== null) {
        this.uuidBytes.set(Buffer.from(value.replace(/-/g, ''), 'hex'), (i * UUIDS + field) * 16);
      }
      if (!exact) this.verbatim.set(i * 8 + (UUID_FIELD[field] as number), value);
    });
    if (ref.roster) this.rosters.set(i, ref.roster);
    if ((i + 1) * DIGEST_BYTES > this.digests.length) {
      const grown = new Uint8Array(Math.max(1024 * DIGEST_BYTES, this.digests.length * 2));
      grown.set(this.digests);
      this.digests = grown;
    }
    this.digests.set(createHash('sha1').update(canonicalRef(ref)).digest(), i * DIGEST_BYTES);
    return i;
  }

  /** The table with its rows in `order` (positions in the order added; each once). */
  build(order: readonly number[]): RefTable {
    const n = order.length;
    const codes = new Uint32Array(n * CODES);
    const instants = new Float64Array(n * INSTANTS);
    const uuids = new Uint8Array(n * UUIDS * 16);
    const digests = new Uint8Array(n * DIGEST_BYTES);
    const verbatim = new Map<number, string | null>();
    const rosters = new Map<number, RosterSummary>();
    const byPosition = new Map<number, number>();
    order.forEach((i, row) => byPosition.set(i, row));
    for (const [key, value] of this.verbatim) {
      const row = byPosition.get(Math.floor(key / 8)) as number;
      verbatim.set(row * 8 + (key % 8), value);
    }
    for (let row = 0; row < n; row += 1) {
      const i = order[row] as number;
      for (let f = 0; f < CODES; f += 1)
        codes[row * CODES + f] = this.codes[i * CODES + f] as number;
      for (let f = 0; f < INSTANTS; f += 1)
        instants[row * INSTANTS + f] = this.instants[i * INSTANTS + f] as number;
      uuids.set(this.uuidBytes.subarray(i * UUIDS * 16, (i + 1) * UUIDS * 16), row * UUIDS * 16);
      digests.set(
        this.digests.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES),
        row * DIGEST_BYTES,
      );
      const roster = this.rosters.get(i);
      if (roster) rosters.set(row, roster);
    }
    return new RefTable({
      ids: order.map((i) => this.ids[i] as string),
      names: order.map((i) => this.names[i] as string),
      regionPaths: order.map((i) => this.regionPaths[i] as readonly string[]),
      strings: this.strings.slice(),
      codes,
      instants,
      uuids,
      verbatim,
      rosters,
      digestBytes: digests,
    });
  }

  private intern(value: string | null): number {
    if (value === null) return 0;
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, index);
    }
    return index;
  }
}
