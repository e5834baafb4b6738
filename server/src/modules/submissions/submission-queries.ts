import type { AnnualReport } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Actor, escapeLike, scopeConditionSql } from '../../common/actor';
import { badInput, notFound } from '../../common/domain-error';
import { columnsOf, entityOf, selectEntities } from '../../database/row-entities';
import { LruCache } from '../../common/lru-cache';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { type OrganizationRow, OrganizationsService } from '../organizations';
import { type RoundRow, RoundsService } from '../rounds';
import { SubmissionAccess } from './submission-access';
import { rememberExtension } from './submission-loaders';
import { SubmissionVersionEntity } from './submission-version.entity';
import type { RosterSubmission, SubmissionFilter } from './submission.types';
import { SubmissionEntity } from './submission.entity';
import { changedPathSet, flatten, reportChanges } from './version-diff';

/**
 * What two versions (`from>to`) differ in, for the review thread's comments: at most 4,096 pairs
 * and 200,000 changed paths in all.
 */
const CHANGED_PATHS = new LruCache<string, ReadonlySet<string>>({
  maxEntries: 4096,
  maxWeight: 200_000,
  weigh: (paths) => paths.size,
});

/** Reads of submissions: the paged list, a round's roster with versions, diffs, last year's report. */
@Injectable()
export class SubmissionQueries {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
    private readonly access: SubmissionAccess,
  ) {}

  /**
   * A page of the submissions the actor may see, by organization code: one fixed statement (a
   * first page counts its rows in it, `count(*) OVER ()`; a later page counts apart, as its
   * keyset condition would change the count), the entities built from its rows.
   */
  async list(
    actor: Actor,
    filter: SubmissionFilter,
    page: Page,
  ): Promise<Connection<SubmissionEntity>> {
    const params: unknown[] = [];
    const param = (value: unknown): string => `$${params.push(value)}`;
    const scope = scopeConditionSql(actor, 'o', param);
    const where: string[] = scope ? [scope] : [];
    if (filter.roundId) {
      if (!isUuid(filter.roundId))
        throw badInput('roundId', 'not an id', { key: 'common.notAnId' });
      where.push(`s.round_id = ${param(filter.roundId)}`);
    }
    if (filter.organizationId) {
      if (!isUuid(filter.organizationId))
        throw badInput('organizationId', 'not an id', { key: 'common.notAnId' });
      where.push(`s.organization_id = ${param(filter.organizationId)}`);
    }
    if (filter.withinId) {
      const node = await this.organizations.get(filter.withinId);
      where.push(`o.path LIKE ${param(`${escapeLike(node.path)}%`)}`);
    }
    if (filter.statuses?.length) where.push(`s.status = ANY(${param(filter.statuses)})`);
    if (filter.rule) {
      if (!/^[a-zA-Z]+\.[a-zA-Z]+$/.test(filter.rule))
        throw badInput('rule', 'not a rule id', { key: 'common.unknownRule' });
      where.push(`EXISTS (SELECT 1 FROM submission_versions fv
                  WHERE fv.id = COALESCE(s.submitted_version_id, s.current_version_id)
                    AND fv.findings @> jsonb_build_array(jsonb_build_object('rule', ${param(filter.rule)}::text)))`);
    }
    const from = 'JOIN organization_directory o ON o.id = s.organization_id';
    // the page's rows bring their deadline extension (their timeliness needs no statement more)
    const extension = `LEFT JOIN round_extension_deadlines x
      ON x.round_id = s.round_id AND x.organization_id = s.organization_id`;
    const filtered = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const counted = page.after
      ? Number(
          (
            (await this.dataSource.query(
              `SELECT count(*)::int AS n FROM submissions s ${from} ${filtered}`,
              params,
            )) as { n: number }[]
          )[0]?.n ?? 0,
        )
      : null;
    if (page.after)
      where.push(`(o.code, s.id) > (${param(page.after.k)}, ${param(page.after.id)}::uuid)`);
    const codes = new Map<string, string>();
    let total = 0;
    const entities = await selectEntities(
      this.dataSource,
      SubmissionEntity,
      's',
      `${from} ${extension} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY o.code ASC, s.id ASC LIMIT ${param(page.limit + 1)}`,
      params,
      [],
      {
        o_code: 'o.code',
        x_deadline: 'x.deadline::text',
        ...(page.after ? {} : { total_count: 'count(*) OVER ()' }),
      },
      (entity, row) => {
        codes.set(entity.id, row.o_code as string);
        rememberExtension(entity, (row.x_deadline as string | null) ?? null);
        total = Number(row.total_count ?? 0);
      },
    );
    return toConnection(
      entities,
      page,
      (s) => ({ k: codes.get(s.id) ?? '', id: s.id }),
      counted ?? total,
    );
  }

  /**
   * Every organization expected in a round under a node, with its submission and the version
   * that counts (submitted/approved, else the latest draft) and findings. Four queries, whatever
   * the size. The caller checks the actor may see the node.
   */
  async latestForSubtree(
    roundId: string,
    nodeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ round: RoundRow; rows: RosterSubmission[] }> {
    const round = await this.rounds.get(roundId, manager);
    const roster = await this.rounds.expectedBodies(round, nodeId, manager);
    const ids = roster.map((o) => o.id);
    const [subs, extensions] = await Promise.all([
      ids.length
        ? manager.find(SubmissionEntity, { where: { roundId, organizationId: In(ids) } })
        : Promise.resolve([]),
      this.rounds.extensionsFor(roundId, ids, manager),
    ]);
    const versionIds = subs
      .map((s) => s.submittedVersionId ?? s.currentVersionId)
      .filter((v): v is string => v !== null);
    const versions = versionIds.length
      ? await manager.find(SubmissionVersionEntity, { where: { id: In(versionIds) } })
      : [];
    const subByOrg = new Map(subs.map((s) => [s.organizationId, s]));
    const versionById = new Map(versions.map((v) => [v.id, v]));
    const rows = roster.map((organization) => {
      const submission = subByOrg.get(organization.id) ?? null;
      const versionId = submission?.submittedVersionId ?? submission?.currentVersionId ?? null;
      const extension = extensions.get(organization.id);
      return {
        organization,
        submission,
        version: versionId ? (versionById.get(versionId) ?? null) : null,
        deadline: this.rounds.deadlineFor(round, organization, extension),
        extended: extension !== undefined,
      };
    });
    return { round, rows };
  }

  /** Which cells and fields differ between two versions of the same submission. */
  async diff(actor: Actor, fromVersionId: string, toVersionId: string) {
    const found = await this.access.visibleVersions(actor, [fromVersionId, toVersionId]);
    const from = found.get(fromVersionId);
    const to = found.get(toVersionId);
    if (!from || !to) throw notFound('version');
    if (from.submissionId !== to.submissionId)
      throw badInput('toVersionId', 'both versions must belong to the same submission', {
        key: 'submission.versionsApart',
      });
    return {
      fromNumber: from.number,
      toNumber: to.number,
      changes: reportChanges(from.report, to.report),
    };
  }

  /**
   * For each (from, to) pair of version ids, the cells and fields that differ between them (one
   * query for the reports of the pairs not compared before). The caller has already checked the
   * actor may see them. A version's report never changes once written, so what two versions
   * differ in is kept (`CHANGED_PATHS`, bounded) and holds in every process.
   */
  async changedPaths(
    pairs: readonly (readonly [string, string])[],
  ): Promise<Map<string, ReadonlySet<string>>> {
    const out = new Map<string, ReadonlySet<string>>();
    const missing: (readonly [string, string])[] = [];
    for (const [from, to] of pairs) {
      const known = CHANGED_PATHS.get(`${from}>${to}`);
      if (known) out.set(`${from}>${to}`, known);
      else missing.push([from, to]);
    }
    const ids = [...new Set(missing.flat())].filter(isUuid);
    if (ids.length === 0) return out;
    const rows = (await this.dataSource.query(
      'SELECT id, report FROM submission_versions WHERE id = ANY($1::uuid[])',
      [ids],
    )) as { id: string; report: AnnualReport }[];
    const flat = new Map(rows.map((r) => [r.id, flatten(r.report)]));
    for (const [from, to] of missing) {
      const before = flat.get(from);
      const after = flat.get(to);
      if (!before || !after) continue;
      const changed = changedPathSet(before, after);
      CHANGED_PATHS.set(`${from}>${to}`, changed);
      out.set(`${from}>${to}`, changed);
    }
    return out;
  }

  /**
   * The body's report of the year before `year` (approved first, else submitted, else latest), or
   * null: what the importer takes as `previous`.
   */
  async previousYearReport(
    organizationId: string,
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AnnualReport | null> {
    return (await this.previousYearVersion(manager, { id: organizationId }, year))?.report ?? null;
  }

  /**
   * The same body's report of the previous year (approved first, else submitted, else latest), in
   * one statement: the choice of `previousYearVersionIds` for one body, and its version.
   */
  async previousYearVersion(
    manager: EntityManager,
    organization: Pick<OrganizationRow, 'id'>,
    year: number,
  ): Promise<SubmissionVersionEntity | null> {
    // in the caller's transaction (`manager`), by a fixed statement
    const dataSource = manager.connection;
    const rows = (await manager.query(
      `SELECT ${columnsOf(dataSource, SubmissionVersionEntity, 'v')}
         FROM submission_versions v
        WHERE v.id = (SELECT COALESCE(ps.submitted_version_id, ps.current_version_id)
                        FROM submissions ps JOIN round_directory pr ON pr.id = ps.round_id
                       WHERE ps.organization_id = $1 AND pr.year = $2
                         AND COALESCE(ps.submitted_version_id, ps.current_version_id) IS NOT NULL
                       ORDER BY (ps.status IN ('APPROVED', 'PUBLISHED')) DESC, ps.updated_at DESC
                       LIMIT 1)`,
      [organization.id, year - 1],
    )) as Record<string, unknown>[];
    const version = rows[0] ? entityOf(dataSource, SubmissionVersionEntity, 'v', rows[0]) : null;
    return version ?? null;
  }
}
