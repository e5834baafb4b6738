import {
  type AnnualReport,
  check,
  type Finding,
  getTemplate,
  MONEY_CELLS,
  REPORT_FORMAT,
  SECTION_KEYS,
} from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { type Actor, inScope } from '../../common/actor';
import { notFound } from '../../common/domain-error';
import { OrganizationsService } from '../organizations';
import { SubmissionStatus, SubmissionsService } from '../submissions';

export type RollupMember = {
  organizationId: string;
  organizationName: string;
  submissionId: string | null;
  status: SubmissionStatus | null;
  included: boolean;
};

export type RollupOwnReport = {
  submissionId: string;
  status: SubmissionStatus;
  versionNumber: number | null;
  submitted: boolean;
  report: AnnualReport | null;
};

export type Rollup = {
  roundId: string;
  year: number;
  nodeId: string;
  nodeName: string;
  template: string;
  expectedCount: number;
  includedCount: number;
  includedOrganizationIds: string[];
  members: RollupMember[];
  own: RollupOwnReport | null;
  report: AnnualReport;
  findings: Finding[];
};

type MutableTable = Record<string, Record<string, number | null>>;

/**
 * A government's aggregated report draft: the sum of its bodies' approved (or published)
 * reports, cell by cell, checked by the same rules as any report.
 */
@Injectable()
export class RollupService {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async rollup(actor: Actor, roundId: string, nodeId: string): Promise<Rollup> {
    const node = await this.organizations.get(nodeId);
    if (!inScope(actor, node)) throw notFound('organization', { key: 'rollup.nodeNotFound' });
    const { round, rows } = await this.submissions.latestForSubtree(roundId, nodeId);
    const expected = rows.filter((r) => r.organization.id !== node.id);
    const included = expected.filter(
      (r) =>
        r.version !== null &&
        r.version.id === r.submission?.submittedVersionId &&
        (r.submission.status === SubmissionStatus.APPROVED ||
          r.submission.status === SubmissionStatus.PUBLISHED),
    );
    const template = getTemplate(round.template);
    const tables: Record<string, MutableTable> = {};
    for (const t of template.tables) {
      const table: MutableTable = {};
      for (const row of t.rows) {
        const present = included.filter(
          (r) => r.version!.report.tables[t.id]?.[row.key] !== undefined,
        );
        if (t.rowsOptional && present.length === 0) continue;
        table[row.key] = {};
        for (const column of row.columns) {
          let sum: number | null = null;
          for (const r of present) {
            const value = r.version!.report.tables[t.id]?.[row.key]?.[column];
            if (typeof value === 'number') sum = (sum ?? 0) + value;
          }
          if (sum !== null && MONEY_CELLS.has(`${t.id}.${row.key}.${column}`))
            sum = Math.round(sum * 1e4) / 1e4;
          table[row.key]![column] = sum;
        }
      }
      tables[t.id] = table;
    }
    const report: AnnualReport = {
      format: REPORT_FORMAT,
      template: round.template,
      year: round.year,
      organization: { name: node.name, region: node.region },
      title: `${node.name}${round.year}年政府信息公开工作年度报告（汇总草稿）`,
      publishedOn: null,
      sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, null])) as AnnualReport['sections'],
      tables,
    };
    const { findings } = check(report, { groups: ['tables', 'completeness'] });
    const includedIds = new Set(included.map((r) => r.organization.id));
    const members = rows
      .filter((r) => r.organization.id !== node.id)
      .map((r) => ({
        organizationId: r.organization.id,
        organizationName: r.organization.name,
        submissionId: r.submission?.id ?? null,
        status: r.submission?.status ?? null,
        included: includedIds.has(r.organization.id),
      }))
      .sort(
        (a, b) =>
          Number(a.included) - Number(b.included) ||
          a.organizationName.localeCompare(b.organizationName, 'zh-Hans-CN'),
      );
    const ownRow = rows.find((r) => r.organization.id === node.id);
    const own =
      ownRow?.submission != null
        ? {
            submissionId: ownRow.submission.id,
            status: ownRow.submission.status,
            versionNumber: ownRow.version?.number ?? null,
            submitted:
              ownRow.version !== null && ownRow.version.id === ownRow.submission.submittedVersionId,
            report: ownRow.version?.report ?? null,
          }
        : null;
    return {
      roundId: round.id,
      year: round.year,
      nodeId: node.id,
      nodeName: node.name,
      template: round.template,
      expectedCount: expected.length,
      includedCount: included.length,
      includedOrganizationIds: included.map((r) => r.organization.id),
      members,
      own,
      report,
      findings: [...findings],
    };
  }
}
