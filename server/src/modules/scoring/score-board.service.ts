import {
  DEFAULT_KEY_TOTALS,
  flagOrganization,
  keyTotalsOf,
  peerBandFlagsOf,
  rank,
  ScoreBoardBuilder,
  toShanghaiIso,
  type Flag,
  type KeyTotals,
  type RankedEntry,
  type ScoreBoard,
  type ScoringModel,
} from '@gongkai/scoring';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RefTable } from './ref-table';
import {
  readScoringSource,
  ROSTER_SUMMARY_PROVIDER,
  type RosterSummaryProvider,
  type SourceRound,
} from './scoring-source.reader';

/** A round scored under one model, with everything needed to page, explain and export it. */
export type BuiltBoard = {
  /** Changes whenever the board is rebuilt (cursor and cache keys). */
  readonly buildId: string;
  readonly roundId: string;
  readonly modelRowId: string;
  readonly model: ScoringModel;
  readonly asOf: string;
  readonly builtAtMs: number;
  readonly buildMs: number;
  readonly stamps: string;
  readonly board: ScoreBoard;
  /** Each row's inputs by reference and their digest, aligned with board rows (sorted by
   * organization name, zh-CN collation). */
  readonly refs: RefTable;
  /** Flags of each board row. */
  readonly flags: FlagTable;
  /** Ranked lists by population (region prefix, peer group, previous ranks), built lazily. */
  readonly rankings: Map<string, readonly RankedEntry[]>;
};

export type Population = {
  readonly regionPath: readonly string[];
  readonly peerGroup: string | null;
  /** Key of `previousRanks` (the previous snapshot id), for caching. */
  readonly previousKey: string | null;
  readonly previousRanks: ReadonlyMap<string, number> | null;
};

/** A flag without the organization it was raised for. */
export type FlagTemplate = Omit<Flag, 'organizationId'>;

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

  /** `flagsByRow[r]`: the flags of board row r, in the order raised. */
  static of(flagsByRow: readonly (readonly Flag[] | undefined)[]): FlagTable {
    const builder = FlagTable.builder();
    flagsByRow.forEach((flags, row) => builder.add(row, flags ?? []));
    return builder.build(flagsByRow.map((_, row) => row));
  }

  /** Collects flags by position as they are raised, keeping each distinct flag once. */
  static builder(): FlagTableBuilder {
    return new FlagTableBuilder();
  }

  /** @internal (see FlagTableBuilder.build) */
  static fromParts(templates: readonly FlagTemplate[], start: Uint32Array, ids: Uint32Array) {
    return new FlagTable(templates, start, ids);
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
    return FlagTable.fromParts(this.templates, start, ids);
  }
}

/** Ranked entries cached per board, over all its populations (the oldest go first). */
const MAX_CACHED_ENTRIES = 300_000;

/** Boards kept in memory (round × model); the least recently used goes first. */
const MAX_BOARDS = 4;
/** Deadlines and return grace periods move with time: rebuild a board this old. */
export const BOARD_MAX_AGE_MS = 15 * 60_000;

const collator = new Intl.Collator('zh-CN');

/**
 * Scores rounds and keeps the results: a ScoreBoard per round and model, rebuilt when the
 * round's data changes. Freshness is one indexed read of `scoring_stamps`, whose counters
 * database triggers bump on every change that can move a score (see README.md), so every
 * server instance sees every change, whoever made it.
 */
@Injectable()
export class ScoreBoardService {
  private readonly boards = new Map<string, Promise<BuiltBoard>>();
  private builds = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Optional()
    @Inject(ROSTER_SUMMARY_PROVIDER)
    private readonly roster: RosterSummaryProvider | null = null,
  ) {}

  /** The round's current stamps (one query). */
  async stamps(roundId: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT scope, stamp FROM scoring_stamps WHERE scope IN ($1, 'organizations') ORDER BY scope`,
      [`round:${roundId}`],
    )) as { scope: string; stamp: string }[];
    return rows.map((row) => `${row.scope}=${row.stamp}`).join(';');
  }

  /** The board of a round under a model, from the cache when the data has not changed. */
  async board(round: SourceRound, modelRowId: string, model: ScoringModel): Promise<BuiltBoard> {
    const key = `${round.id}|${modelRowId}`;
    const stamps = await this.stamps(round.id);
    const cached = this.boards.get(key);
    if (cached) {
      const built = await cached.catch(() => null);
      if (built && built.stamps === stamps && Date.now() - built.builtAtMs < BOARD_MAX_AGE_MS) {
        this.boards.delete(key);
        this.boards.set(key, cached);
        return built;
      }
      if (this.boards.get(key) !== cached) return this.board(round, modelRowId, model);
    }
    const building = this.build(round, modelRowId, model, stamps);
    this.boards.set(key, building);
    building.catch(() => {
      if (this.boards.get(key) === building) this.boards.delete(key);
    });
    while (this.boards.size > MAX_BOARDS) {
      const oldest = this.boards.keys().next().value as string;
      this.boards.delete(oldest);
    }
    return building;
  }

  /** Forgets every board of a round (after a snapshot of the previous round is published). */
  invalidate(roundId: string): void {
    for (const key of [...this.boards.keys()]) {
      if (key.startsWith(`${roundId}|`)) this.boards.delete(key);
    }
  }

  /** The ranked entries of a population, cached on the board. */
  ranking(built: BuiltBoard, population: Population): readonly RankedEntry[] {
    const key = `${population.regionPath.join('/')}|${population.peerGroup ?? ''}|${population.previousKey ?? ''}`;
    let entries = built.rankings.get(key);
    if (entries) {
      built.rankings.delete(key);
      built.rankings.set(key, entries);
    } else {
      entries = rank(built.board, {
        filter: {
          regionPrefix: population.regionPath,
          ...(population.peerGroup !== null ? { peerGroup: population.peerGroup } : {}),
        },
        ...(population.previousRanks ? { previousRanks: population.previousRanks } : {}),
      });
      // Each list holds an entry per organization: keep few of them for a national board.
      let cached = entries.length;
      for (const list of built.rankings.values()) cached += list.length;
      for (const [oldKey, list] of built.rankings) {
        if (built.rankings.size < 32 && cached <= MAX_CACHED_ENTRIES) break;
        built.rankings.delete(oldKey);
        cached -= list.length;
      }
      built.rankings.set(key, entries);
    }
    return entries;
  }

  private async build(
    round: SourceRound,
    modelRowId: string,
    model: ScoringModel,
    stamps: string,
  ): Promise<BuiltBoard> {
    const started = performance.now();
    const asOf = toShanghaiIso(Date.now());
    // Each organization is flagged and measured as its chunk arrives; only the measurements,
    // its reference and its key totals (for the peer bands) are kept, never its report.
    const builder = new ScoreBoardBuilder(model, { asOf });
    const refs = RefTable.builder();
    const keyTotals: KeyTotals[] = [];
    const flags = FlagTable.builder();
    const flagOptions = {
      asOf,
      rosterUpdatedSince: (await this.roster?.updatedSince?.(round.id)) ?? null,
    };
    await readScoringSource(
      this.dataSource,
      round,
      (items) => {
        for (const { input, ref } of items) {
          flags.add(builder.add(input), flagOrganization(input, flagOptions));
          const totals = keyTotalsOf(input, DEFAULT_KEY_TOTALS);
          if (totals) keyTotals.push(totals);
          refs.add(ref);
        }
      },
      { roster: this.roster },
    );
    const positions = new Map<string, number>();
    for (let i = 0; i < refs.length; i += 1) positions.set(refs.organizationId(i), i);
    for (const flag of peerBandFlagsOf(keyTotals, { keyTotals: DEFAULT_KEY_TOTALS })) {
      flags.add(positions.get(flag.organizationId) as number, [flag]);
    }
    positions.clear();
    // Tied organizations are listed in board order: order the board by name.
    const order = Array.from({ length: refs.length }, (_, i) => i);
    order.sort(
      (a, b) =>
        collator.compare(refs.organizationName(a), refs.organizationName(b)) ||
        (refs.organizationId(a) < refs.organizationId(b) ? -1 : 1),
    );
    const board = builder.build(order);
    const flagTable = flags.build(order);
    this.builds += 1;
    return {
      buildId: `${Date.now().toString(36)}.${this.builds}`,
      roundId: round.id,
      modelRowId,
      model,
      asOf,
      builtAtMs: Date.now(),
      buildMs: Math.round(performance.now() - started),
      stamps,
      board,
      refs: refs.build(order),
      flags: flagTable,
      rankings: new Map(),
    };
  }
}
