import {
  rankList,
  toShanghaiIso,
  type RankedList,
  type ScoreBoard,
  type ScoringModel,
} from '@gongkai/scoring';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LruCache } from '../../common/lru-cache';
import { decodeBoard } from './board-build';
import { buildBoardInWorker } from './board-build.runner';
import type { FlagTable } from './flag-table';
import type { RefTable } from './ref-table';
import {
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
  readonly rankings: LruCache<string, RankedList>;
};

export type Population = {
  readonly regionPath: readonly string[];
  readonly peerGroup: string | null;
  /** Key of `previousRanks` (the previous snapshot id), for caching. */
  readonly previousKey: string | null;
  readonly previousRanks: ReadonlyMap<string, number> | null;
};

/**
 * Ranked lists cached per board (least recently used out first): at most 32, and 600,000
 * entries in all — at about 17 bytes an entry (`RankedList`), 10 MB, five national populations.
 */
const MAX_CACHED_LISTS = 32;
const MAX_CACHED_ENTRIES = 600_000;

/** Boards kept in memory (round × model); the least recently used goes first. */
const MAX_BOARDS = 4;
/** Deadlines and return grace periods move with time: rebuild a board this old. */
export const BOARD_MAX_AGE_MS = 15 * 60_000;

/**
 * Scores rounds and keeps the results: a ScoreBoard per round and model, rebuilt when the
 * round's data changes. Freshness is one indexed read of `scoring_stamps`, whose counters
 * database triggers bump on every change that can move a score (see README.md), so every
 * server instance sees every change, whoever made it.
 */
@Injectable()
export class ScoreBoardService {
  private readonly boards = new LruCache<string, Promise<BuiltBoard>>({ maxEntries: MAX_BOARDS });
  private builds = 0;
  private statements = 0;

  /** Statements run on the database by board builds so far (they run on their own connection). */
  get buildStatements(): number {
    return this.statements;
  }

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
    const cached = this.boards.peek(key);
    if (cached) {
      const built = await cached.catch(() => null);
      if (built && built.stamps === stamps && Date.now() - built.builtAtMs < BOARD_MAX_AGE_MS) {
        this.boards.get(key);
        return built;
      }
      if (this.boards.peek(key) !== cached) return this.board(round, modelRowId, model);
    }
    const building = this.build(round, modelRowId, model, stamps);
    this.boards.set(key, building);
    building.catch(() => {
      if (this.boards.peek(key) === building) this.boards.delete(key);
    });
    return building;
  }

  /** Forgets every board of a round (after a snapshot of the previous round is published). */
  invalidate(roundId: string): void {
    for (const key of [...this.boards.keys()]) {
      if (key.startsWith(`${roundId}|`)) this.boards.delete(key);
    }
  }

  /** The ranked entries of a population, cached on the board. */
  ranking(built: BuiltBoard, population: Population): RankedList {
    const key = `${population.regionPath.join('/')}|${population.peerGroup ?? ''}|${population.previousKey ?? ''}`;
    let entries = built.rankings.get(key);
    if (!entries) {
      entries = rankList(built.board, {
        filter: {
          regionPrefix: population.regionPath,
          ...(population.peerGroup !== null ? { peerGroup: population.peerGroup } : {}),
        },
        ...(population.previousRanks ? { previousRanks: population.previousRanks } : {}),
      });
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
    const databaseUrl = (this.dataSource.options as { url?: string }).url;
    if (!databaseUrl) throw new Error('score boards are built from a database given by its URL');
    // Read and scored on a thread of its own: the reports parsed on the way never reach (and
    // never grow) the server's heap, and requests are answered meanwhile.
    const parts = await buildBoardInWorker(
      {
        databaseUrl,
        request: {
          round,
          model,
          asOf,
          rosterUpdatedSince: (await this.roster?.updatedSince?.(round.id)) ?? null,
        },
        roster: this.roster !== null,
      },
      this.roster,
    );
    const { board, refs, flags } = decodeBoard(parts, model);
    this.builds += 1;
    this.statements += parts.statements;
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
      refs,
      flags,
      // Each list holds an entry per organization: keep few of them for a national board.
      rankings: new LruCache({
        maxEntries: MAX_CACHED_LISTS,
        maxWeight: MAX_CACHED_ENTRIES,
        weigh: (list) => list.length,
      }),
    };
  }
}
