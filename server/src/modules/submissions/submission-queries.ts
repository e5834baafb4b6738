import type { AnnualReport } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Actor, escapeLike, scopeCondition } from '../../common/actor';
import { badInput, notFound } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { type OrganizationEntity, OrganizationsService } from '../organizations';
import { type RoundEntity, RoundsService } from '../rounds';
import { SubmissionAccess } from './submission-access';
import { SubmissionVersionEntity } from './submission-version.entity';
import type { RosterSubmission, SubmissionFilter } from './submission.types';
import { SubmissionEntity } from './submission.entity';
import { changedPathSet, flatten, reportChanges } from './version-diff';

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

  async list(
    actor: Actor,
    filter: SubmissionFilter,
    page: Page,
  ): Promise<Connection<SubmissionEntity>> {
    const scope = scopeCondition(actor, 'o');
    const qb = this.submissions
      .createQueryBuilder('s')
      .innerJoin('organization_directory', 'o', 'o.id = s.organization_id')
      .addSelect('o.code', 'o_code')
      .where(scope.sql, scope.params);
    if (filter.roundId) {
      if (!isUuid(filter.roundId))
        throw badInput('roundId', 'not an id', { key: 'common.notAnId' });
      qb.andWhere('s.round_id = :roundId', { roundId: filter.roundId });
    }
    if (filter.organizationId) {
      if (!isUuid(filter.organizationId))
        throw badInput('organizationId', 'not an id', { key: 'common.notAnId' });
      qb.andWhere('s.organization_id = :orgId', { orgId: filter.organizationId });
    }
    if (filter.withinId) {
      const node = await this.organizations.get(filter.withinId);
      qb.andWhere('o.path LIKE :prefix', { prefix: `${escapeLike(node.path)}%` });
    }
    if (filter.statuses?.length)
      qb.andWhere('s.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.rule) {
      if (!/^[a-zA-Z]+\.[a-zA-Z]+$/.test(filter.rule))
        throw badInput('rule', 'not a rule id', { key: 'common.unknownRule' });
      qb.andWhere(
        `EXISTS (SELECT 1 FROM submission_versions fv
                  WHERE fv.id = COALESCE(s.submitted_version_id, s.current_version_id)
                    AND fv.findings @> jsonb_build_array(jsonb_build_object('rule', :rule::text)))`,
        { rule: filter.rule },
      );
    }
    // the first page counts its rows in the same statement (the window runs before LIMIT);
    // a later page's keyset condition would change that count, so it is counted apart
    const counted = page.after ? await qb.clone().getCount() : null;
    if (page.after)
      qb.andWhere('(o.code, s.id) > (:k, :id::uuid)', { k: page.after.k, id: page.after.id });
    else qb.addSelect('count(*) OVER ()', 'total_count');
    const { entities, raw } = await qb
      .orderBy('o.code', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(page.limit + 1)
      .getRawAndEntities<{ o_code: string; s_id: string; total_count?: string }>();
    const codes = new Map(raw.map((r) => [r.s_id, r.o_code]));
    return toConnection(
      entities,
      page,
      (s) => ({ k: codes.get(s.id) ?? '', id: s.id }),
      counted ?? Number(raw[0]?.total_count ?? 0),
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
  ): Promise<{ round: RoundEntity; rows: RosterSubmission[] }> {
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
   * For each (from, to) pair of version ids, the cells and fields that differ between them
   * (one query for all the reports). The caller has already checked the actor may see them.
   */
  async changedPaths(
    pairs: readonly (readonly [string, string])[],
  ): Promise<Map<string, ReadonlySet<string>>> {
    const ids = [...new Set(pairs.flat())].filter(isUuid);
    const out = new Map<string, ReadonlySet<string>>();
    if (ids.length === 0) return out;
    const rows = (await this.dataSource.query(
      'SELECT id, report FROM submission_versions WHERE id = ANY($1::uuid[])',
      [ids],
    )) as { id: string; report: AnnualReport }[];
    const flat = new Map(rows.map((r) => [r.id, flatten(r.report)]));
    for (const [from, to] of pairs) {
      const before = flat.get(from);
      const after = flat.get(to);
      if (!before || !after) continue;
      out.set(`${from}>${to}`, changedPathSet(before, after));
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
    organization: Pick<OrganizationEntity, 'id'>,
    year: number,
  ): Promise<SubmissionVersionEntity | null> {
    return manager
      .createQueryBuilder(SubmissionVersionEntity, 'v')
      .where(
        `v.id = (SELECT COALESCE(ps.submitted_version_id, ps.current_version_id)
                   FROM submissions ps JOIN round_directory pr ON pr.id = ps.round_id
                  WHERE ps.organization_id = :organizationId AND pr.year = :previousYear
                    AND COALESCE(ps.submitted_version_id, ps.current_version_id) IS NOT NULL
                  ORDER BY (ps.status IN ('APPROVED', 'PUBLISHED')) DESC, ps.updated_at DESC
                  LIMIT 1)`,
        { organizationId: organization.id, previousYear: year - 1 },
      )
      .getOne();
  }
}
