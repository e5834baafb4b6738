import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { check, shanghaiInstant, statutoryDeadline } from '@gongkai/report-model';
import { importReport } from '@gongkai/report-import';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config';
import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { OrganizationEntity } from '../modules/organizations/organization.entity';
import { OrganizationLevel } from '../modules/organizations';
import { RoundEntity } from '../modules/rounds/round.entity';
import { RoundStatus } from '../modules/rounds';
import { ReportFileEntity } from '../modules/submissions/report-file.entity';
import { SubmissionVersionEntity } from '../modules/submissions/submission-version.entity';
import { VersionSource, SubmissionStatus } from '../modules/submissions';
import { SubmissionEntity } from '../modules/submissions/submission.entity';

/**
 * The shared seed reports (real published reports) under their own sample node, one closed round
 * per year, each imported through the same importer as uploads and kept as a published version.
 */
export async function importSeedReports(
  manager: EntityManager,
  config: AppConfig,
  province: OrganizationEntity,
  reviewerId: string,
) {
  const out = { organizations: 0, rounds: 0, submissions: 0 };
  if (!config.seedReportsDir) return out;
  const names = (await readdir(config.seedReportsDir))
    .filter((n) => /\.(txt|html?|docx|xlsx)$/i.test(n))
    .sort();
  if (names.length === 0) return out;
  const groupId = randomUUID();
  const group = manager.create(OrganizationEntity, {
    id: groupId,
    code: 'DEMO-SAMPLES',
    name: '样例报告（公开发布的真实报告，演示导入）',
    level: OrganizationLevel.CITY,
    parentId: province.id,
    path: `${province.path}${groupId}/`,
    reports: false,
    isDemo: true,
  });
  await manager.insert(OrganizationEntity, group);
  out.organizations++;
  const rounds = new Map<number, RoundEntity>();
  await mkdir(join(config.dataDir, 'uploads'), { recursive: true });
  for (const [i, name] of names.entries()) {
    const path = join(config.seedReportsDir, name);
    const bytes = await readFile(path);
    let imported;
    try {
      imported = importReport(new Uint8Array(bytes), name);
    } catch {
      continue; // unreadable: the importer's tests cover it; the demo just skips it
    }
    if (imported.kind === 'not-a-report') continue;
    const report = imported.report;
    let round = rounds.get(report.year);
    if (!round) {
      round = manager.create(RoundEntity, {
        id: randomUUID(),
        year: report.year,
        template: report.template,
        scopeOrganizationId: groupId,
        status: RoundStatus.CLOSED,
        departmentDeadline: statutoryDeadline(report.year, 'department'),
        governmentDeadline: statutoryDeadline(report.year, 'government'),
        isDemo: true,
      });
      await manager.insert(RoundEntity, round);
      rounds.set(report.year, round);
      out.rounds++;
    }
    const orgId = randomUUID();
    await manager.insert(
      OrganizationEntity,
      manager.create(OrganizationEntity, {
        id: orgId,
        code: `DEMO-SAMPLE-${i + 1}`,
        name: report.organization.name || name,
        level: OrganizationLevel.DEPARTMENT,
        parentId: groupId,
        path: `${group.path}${orgId}/`,
        kind: '科技局',
        region: report.organization.region ?? null,
        activeFromYear: report.year,
        activeToYear: report.year,
        isDemo: true,
      }),
    );
    out.organizations++;
    const at = report.publishedOn
      ? shanghaiInstant(report.publishedOn, 10)
      : shanghaiInstant(`${report.year + 1}-03-01`, 10);
    const subId = randomUUID();
    const fileId = randomUUID();
    const versionId = randomUUID();
    const result = check(report);
    const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
    await manager.insert(
      SubmissionEntity,
      manager.create(SubmissionEntity, {
        id: subId,
        roundId: round.id,
        organizationId: orgId,
        status: SubmissionStatus.PUBLISHED,
        currentVersionId: versionId,
        submittedVersionId: versionId,
        versionCount: 1,
        firstSubmittedAt: at,
        lastSubmittedAt: at,
        approvedAt: at,
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
      }),
    );
    await copyFile(path, join(config.dataDir, 'uploads', fileId));
    await manager.insert(ReportFileEntity, {
      id: fileId,
      submissionId: subId,
      organizationId: orgId,
      fileName: name,
      format: imported.format,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedById: null,
      createdAt: at,
    });
    await manager.insert(
      SubmissionVersionEntity,
      manager.create(SubmissionVersionEntity, {
        id: versionId,
        submissionId: subId,
        number: 1,
        source: VersionSource.UPLOAD,
        report,
        findings: [...result.findings],
        summary: result.summary,
        errorCount: count('error'),
        warningCount: count('warning'),
        infoCount: count('info'),
        gapCount:
          result.summary.cells.blank +
          (result.summary.sections.required - result.summary.sections.present),
        contentHash: createHash('sha256').update(JSON.stringify(report)).digest('hex'),
        previousYearVersionId: null,
        fileId,
        importWarnings: [...imported.warnings],
        createdById: null,
        createdAt: at,
      }),
    );
    await manager.insert(AuditEventEntity, {
      organizationId: orgId,
      submissionId: subId,
      roundId: round.id,
      actorId: reviewerId,
      action: 'submission.import',
      toStatus: SubmissionStatus.PUBLISHED,
      reason: null,
      data: { file: name, demo: true },
      createdAt: at,
    } as never);
    out.submissions++;
  }
  return out;
}
