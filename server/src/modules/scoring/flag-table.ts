import type { Flag } from '@gongkai/scoring';
import { Interner } from './interner';

/** A flag without the organization it was raised for. */
export type FlagTemplate = Omit<Flag, 'organizationId'>;

/** A `FlagTable` as plain data. */
export type FlagTableParts = {
  readonly templates: readonly FlagTemplate[];
  readonly start: Uint32Array;
  readonly ids: Uint32Array;
};

/**
 * The flags of every row of a board. Most flags repeat word for word across organizations
 * ("no training", "late by 3 days"): each distinct flag is kept once, and each row lists the
 * ones it has (row r's are `templates[ids[start[r]…start[r+1]-1]]`), instead of 100,000s of
 * flag objects with their own messages and evidence.
 */
export class FlagTable {
  private constructor(
    private readonly templates: readonly FlagTemplate[],
    private readonly start: Uint32Array,
    private readonly ids: Uint32Array,
  ) {}

  /** Collects flags by position as they are raised, keeping each distinct flag once. */
  static builder(): FlagTableBuilder {
    return new FlagTableBuilder();
  }

  /** @internal (see FlagTableBuilder.build) */
  static fromParts(parts: FlagTableParts): FlagTable {
    return new FlagTable(shareStrings(parts.templates), parts.start, parts.ids);
  }

  /** The table as plain data (to send between threads). */
  parts(): FlagTableParts {
    return { templates: this.templates, start: this.start, ids: this.ids };
  }

  /** The flags of a row, without the organization. */
  templatesOf(row: number): FlagTemplate[] {
    const list: FlagTemplate[] = [];
    const end = this.start[row + 1] as number;
    for (let at = this.start[row] as number; at < end; at += 1) {
      list.push(this.templates[this.ids[at] as number] as FlagTemplate);
    }
    return list;
  }

  /** The flags of a row, as raised for its organization. */
  flagsOf(row: number, organizationId: string): Flag[] {
    return this.templatesOf(row).map((t) => ({
      id: t.id,
      severity: t.severity,
      organizationId,
      message: t.message,
      messageEn: t.messageEn,
      evidence: t.evidence,
    }));
  }

  /** Whether a row has a flag of this kind. */
  has(row: number, flagId: string): boolean {
    const end = this.start[row + 1] as number;
    for (let at = this.start[row] as number; at < end; at += 1) {
      if ((this.templates[this.ids[at] as number] as FlagTemplate).id === flagId) return true;
    }
    return false;
  }
}

/** See `FlagTable.builder`. */
export class FlagTableBuilder {
  private readonly templates: FlagTemplate[] = [];
  private readonly known = new Map<string, number>();
  /** Template ids raised for each position (in the order added). */
  private readonly byPosition = new Map<number, number[]>();

  /** Adds flags raised for the organization at `position`. */
  add(position: number, flags: readonly Flag[]): void {
    if (flags.length === 0) return;
    let list = this.byPosition.get(position);
    if (!list) {
      list = [];
      this.byPosition.set(position, list);
    }
    for (const flag of flags) {
      const template: FlagTemplate = {
        id: flag.id,
        severity: flag.severity,
        message: flag.message,
        messageEn: flag.messageEn,
        evidence: flag.evidence,
      };
      const key = JSON.stringify(template);
      let id = this.known.get(key);
      if (id === undefined) {
        id = this.templates.length;
        this.templates.push(template);
        this.known.set(key, id);
      }
      list.push(id);
    }
  }

  /** The table with row r holding the flags of position `order[r]`. */
  build(order: readonly number[]): FlagTable {
    let total = 0;
    for (const list of this.byPosition.values()) total += list.length;
    const start = new Uint32Array(order.length + 1);
    const ids = new Uint32Array(total);
    let at = 0;
    order.forEach((position, row) => {
      start[row] = at;
      for (const id of this.byPosition.get(position) ?? []) {
        ids[at] = id;
        at += 1;
      }
    });
    start[order.length] = at;
    return FlagTable.fromParts({ templates: this.templates, start, ids });
  }
}

/**
 * The templates with equal strings shared. Templates whose evidence differs (each late
 * submission names its own instant) still repeat ids, severities, messages and deadlines, and a
 * copy between threads gives every occurrence its own string: ~15 MB for a national board.
 */
function shareStrings(templates: readonly FlagTemplate[]): FlagTemplate[] {
  const interner = new Interner();
  const share = <T>(value: T): T => interner.share(value);
  return templates.map((template) => ({
    id: share(template.id),
    severity: share(template.severity),
    message: share(template.message),
    messageEn: share(template.messageEn),
    evidence: Object.fromEntries(
      Object.entries(template.evidence).map(([key, value]) => [share(key), share(value)]),
    ),
  }));
}
