import { RULE_CATALOGUE } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, escapeLike, inScope, scopeCondition } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import { CURSOR_BY_TEXT, encodeCursor, type Page } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import type { OrganizationEntity } from '../organizations';
import { effectiveDeadlineSql, lateSql } from '../rounds';
import type { SubmissionEntity } from '../submissions';
import {
  type ColumnsRow,
  ORGANIZATION_COLUMNS,
  organizationOf,
  SUBMISSION_COLUMNS,
  submissionOf,
} from './review-queue.rows';
import { FindingSeverity, QueueSort, QueueStatus } from './review-queue.model';

/** The cursor shape of the queue: `k` is `<SORT>.<asc|desc>:<key>`, `id` the body's id. */
export const CURSOR_OF_QUEUE = CURSOR_BY_TEXT;

export type QueueFilter = {
  roundId: string;
  statuses?: readonly QueueStatus[] | null;
  rule?: string | null;
  severity?: FindingSeverity | null;
  late?: boolean | null;
  incomplete?: boolean | null;
  withinId?: string | null;
  search?: string | null;
  sort?: QueueSort | null;
  descending?: boolean | null;
};

export type QueueEntry = {
  id: string;
  organization: OrganizationEntity;
  submission: SubmissionEntity | null;
  status: QueueStatus;
  deadline: string;
  extended: boolean;
  late: boolean;
  lastSubmittedAt: Date | null;
  waitingDays: number | null;
  findingCount: number;
  decidable: boolean;
};

export type QueuePage = {
  edges: { cursor: string; node: QueueEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  statusCounts: { status: QueueStatus; count: number }[];
};

type Row = {
  id: string;
  submission_id: string | null;
  status: QueueStatus;
  deadline: string;
  extended: boolean;
  late: boolean;
  last_submitted_at: Date | null;
  waiting_days: number | null;
  finding_count: number;
  sort_key: string;
};

const RULE_IDS: ReadonlySet<string> = new Set(RULE_CATALOGUE.map((r) => r.id));
const WAITING: readonly QueueStatus[] = [QueueStatus.SUBMITTED, QueueStatus.RESUBMITTED];
const MAX_SEARCH = 100;

/**
 * Whether the actor may approve or return the entry's report now: it waits for a decision, the
 * actor is an admin or a reviewer, and a reviewer's own office's report is not theirs to decide.
 */
function mayDecide(actor: Actor, row: Row): boolean {
  if (!row.submission_id || !WAITING.includes(row.status)) return false;
  if (actor.role === Role.ADMIN) return true;
  return actor.role === Role.REVIEWER && row.id !== actor.organizationId;
}

/** Collects positional parameters while a statement is built. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What a sort orders by: the SQL key (text-comparable after the cast) and how a cursor key reads. */
function sortKey(
  sort: QueueSort,
  descending: boolean,
): { sql: string; cast: string; fits: RegExp } {
  switch (sort) {
    case QueueSort.DEADLINE:
      return { sql: 'q.deadline::date', cast: 'date', fits: /^\d{4}-\d{2}-\d{2}$/ };
    case QueueSort.FINDINGS:
      return { sql: 'q.finding_count', cast: 'int', fits: /^\d{1,9}$/ };
    case QueueSort.WAITING: {
      // longest waiting = earliest submission; bodies not waiting for a decision come last
      // either way, so the sentinel follows the direction of the timestamp order
      const sentinel = descending ? "'-infinity'" : "'infinity'";
      return {
        sql: `COALESCE(q.waiting_since, ${sentinel}::timestamptz)`,
        cast: 'timestamptz',
        fits: /^(-?infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?))$/,
      };
    }
  }
}

/**
 * The review queue: every body expected in a round within the actor's scope (also those that have
 * not started), filtered, sorted and paged by PostgreSQL over the whole scope, with the total and
 * the counts per status under the same filters but the status filter.
 */
@Injectable()
export class ReviewQueueService {
  constructor(private readonly dataSource: DataSource) {}

  async entries(actor: Actor, filter: QueueFilter, page: Page): Promise<QueuePage> {
    const params = new Params();
    const where = await this.conditions(actor, filter, params);
    const sort = filter.sort ?? QueueSort.DEADLINE;
    // WAITING reads "longest first" as its natural order: ascending waiting time = newest first
    const descending = filter.descending ?? false;
    const tsDescending = sort === QueueSort.WAITING ? !descending : descending;
    const key = sortKey(sort, tsDescending);
    const prefix = `${sort}.${descending ? 'desc' : 'asc'}:`;
    const base = this.baseSql(where.join(' AND '), params);

    const countsSql = `SELECT q.status, count(*)::int AS n FROM q
      ${this.lateWhere(filter, 'WHERE')} GROUP BY q.status`;
    const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
    // what the counts alone need (the page's own parameters come after these)
    const countParams = [...params.values];

    const outer: string[] = [];
    const late = this.lateWhere(filter, '');
    if (late) outer.push(late);
    if (statuses) outer.push(`q.status = ANY(${params.add([...statuses])}::text[])`);
    if (page.after) {
      if (!page.after.k.startsWith(prefix) || !key.fits.test(page.after.k.slice(prefix.length)))
        throw badInput('after', 'not a cursor returned by this API for this list', {
          key: 'request.badCursor',
          params: { field: 'after' },
        });
      const op = tsDescending ? '<' : '>';
      outer.push(
        `(${key.sql}, q.id) ${op} (${params.add(page.after.k.slice(prefix.length))}::${key.cast}, ${params.add(page.after.id)}::uuid)`,
      );
    }
    const dir = tsDescending ? 'DESC' : 'ASC';
    // one statement: the page with each row's organization and submission, and the counts per
    // status beside its first row (a page without rows reads the counts on their own)
    const rows = (await this.dataSource.query(
      `${base}, page AS (
        SELECT q.*, to_json(${key.sql}) #>> '{}' AS sort_key,
               row_number() OVER (ORDER BY ${key.sql} ${dir}, q.id ${dir}) AS position
          FROM q ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
         ORDER BY ${key.sql} ${dir}, q.id ${dir}
         LIMIT ${params.add(page.limit + 1)})
      SELECT page.*, ${ORGANIZATION_COLUMNS}, ${SUBMISSION_COLUMNS},
             CASE WHEN page.position = 1
                  THEN (SELECT json_agg(json_build_array(c.status, c.n)) FROM (${countsSql}) c)
             END AS counts
        FROM page
        JOIN organization_directory o ON o.id = page.id
        LEFT JOIN submission_states s ON s.id = page.submission_id
       ORDER BY page.position`,
      params.values,
    )) as (Row & { counts: [QueueStatus, number][] | null } & ColumnsRow)[];
    const counted = rows.length
      ? (rows[0]!.counts ?? []).map(([status, n]) => ({ status, n }))
      : ((await this.dataSource.query(`${base} ${countsSql}`, countParams)) as {
          status: QueueStatus;
          n: number;
        }[]);
    const statusCounts = Object.values(QueueStatus).map((status) => ({
      status,
      count: counted.find((c) => c.status === status)?.n ?? 0,
    }));
    const totalCount = statusCounts
      .filter((c) => !statuses || statuses.has(c.status))
      .reduce((n, c) => n + c.count, 0);

    const hasNextPage = rows.length > page.limit;
    const shown = hasNextPage ? rows.slice(0, page.limit) : rows;
    const edges = shown.map((r) => ({
      cursor: encodeCursor({ k: `${prefix}${r.sort_key}`, id: r.id }),
      node: {
        id: `${filter.roundId}:${r.id}`,
        organization: organizationOf(r),
        submission: r.submission_id ? submissionOf(r) : null,
        status: r.status,
        deadline: r.deadline,
        extended: r.extended,
        late: r.late,
        lastSubmittedAt: r.last_submitted_at,
        waitingDays: r.waiting_days,
        findingCount: r.finding_count,
        decidable: mayDecide(actor, r),
      },
    }));
    return {
      edges,
      pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
      statusCounts,
    };
  }

  /** The late filter reads a computed column, so it applies outside the base query. */
  private lateWhere(filter: QueueFilter, keyword: string): string {
    if (filter.late === null || filter.late === undefined) return '';
    return `${keyword} ${filter.late ? '' : 'NOT '}q.late`;
  }

  /** Conditions over the roster (`o`), its submission (`s`) and the counting version (`v`). */
  private async conditions(actor: Actor, filter: QueueFilter, params: Params): Promise<string[]> {
    if (!isUuid(filter.roundId))
      throw badInput('roundId', 'not an id', { key: 'review.queue.unknownRound' });
    // the round's population by a constant path prefix: an index range over organizations
    // whatever the planner's statistics (a join on `scope.path || '%'` is a nested loop of LIKEs)
    const [round] = (await this.dataSource.query(
      `SELECT r.id, sc.path AS scope_path FROM round_directory r
         JOIN organization_directory sc ON sc.id = r.scope_organization_id WHERE r.id = $1`,
      [filter.roundId],
    )) as { id: string; scope_path: string }[];
    if (!round) throw badInput('roundId', 'no such round', { key: 'review.queue.unknownRound' });
    const where: string[] = [
      `r.id = ${params.add(round.id)}`,
      `o.path LIKE ${params.add(`${escapeLike(round.scope_path)}%`)}`,
    ];
    const scope = scopeCondition(actor, 'o');
    where.push(scope.sql.replace(/:(\w+)/g, (_m, name: string) => params.add(scope.params[name])));
    if (filter.withinId) {
      const [node] = isUuid(filter.withinId)
        ? ((await this.dataSource.query(
            'SELECT id, path FROM organization_directory WHERE id = $1',
            [filter.withinId],
          )) as { id: string; path: string }[])
        : [];
      if (!node || !inScope(actor, node))
        throw badInput('withinId', 'not an organization in your scope', {
          key: 'review.queue.outsideScope',
        });
      where.push(`o.path LIKE ${params.add(`${escapeLike(node.path)}%`)}`);
    }
    const search = filter.search?.trim();
    if (search) {
      if (search.length > MAX_SEARCH)
        throw badInput('search', `at most ${MAX_SEARCH} characters`, {
          key: 'review.queue.searchTooLong',
          params: { max: MAX_SEARCH },
        });
      const like = params.add(`%${escapeLike(search)}%`);
      where.push(`(o.name ILIKE ${like} OR o.code ILIKE ${like})`);
    }
    if (filter.rule) {
      if (!RULE_IDS.has(filter.rule))
        throw badInput('rule', `${filter.rule.slice(0, 80)} is not a rule`, {
          key: 'review.queue.unknownRule',
          params: { rule: filter.rule.slice(0, 80) },
        });
      where.push(
        `v.findings @> jsonb_build_array(jsonb_build_object('rule', ${params.add(filter.rule)}::text))`,
      );
    }
    if (filter.incomplete === true) where.push('v.gap_count > 0');
    if (filter.incomplete === false) where.push('v.gap_count = 0');
    if (filter.severity)
      where.push(
        `v.findings @> jsonb_build_array(jsonb_build_object('severity', ${params.add(filter.severity)}::text))`,
      );
    return where;
  }

  /** `WITH q AS (…)`: one row per expected body of the round the actor may see. */
  private baseSql(where: string, params: Params): string {
    const deadline = effectiveDeadlineSql('r', 'o', 'x');
    const waiting = params.add(WAITING);
    return `WITH q AS (
      SELECT o.id, s.id AS submission_id,
             COALESCE(s.status::text, '${QueueStatus.NOT_STARTED}') AS status,
             (${deadline})::text AS deadline, x.id IS NOT NULL AS extended,
             ${lateSql(deadline, 's.first_submitted_at')} AS late,
             s.last_submitted_at,
             CASE WHEN s.status::text = ANY(${waiting}::text[]) THEN s.last_submitted_at END
               AS waiting_since,
             CASE WHEN s.status::text = ANY(${waiting}::text[])
                  THEN floor(extract(epoch FROM now() - s.last_submitted_at) / 86400)::int END
               AS waiting_days,
             COALESCE(jsonb_array_length(v.findings), 0)::int AS finding_count
        FROM round_directory r
        JOIN organization_directory o
          ON o.reports
         AND (o.active_from_year IS NULL OR o.active_from_year <= r.year)
         AND (o.active_to_year IS NULL OR o.active_to_year >= r.year)
        LEFT JOIN round_extension_deadlines x ON x.round_id = r.id AND x.organization_id = o.id
        LEFT JOIN submission_states s ON s.round_id = r.id AND s.organization_id = o.id
        LEFT JOIN submission_reports v
          ON v.id = COALESCE(s.submitted_version_id, s.current_version_id)
       WHERE ${where})`;
  }
}
