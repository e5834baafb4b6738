import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { shanghaiInstant, statutoryDeadline } from '@gongkai/report-model';
import { importReport } from '@gongkai/report-import';
import type { AppConfig } from '../config/config';
import type { DemoHistory } from './demo-history';
import {
  checkNewOrganization,
  insertCheckedOrganizations,
  type OrganizationRow,
  OrganizationLevel,
  type OrganizationToCreateInList,
} from '../modules/organizations';
import { type RoundRow, RoundStatus, roundWrites } from '../modules/rounds';
import {
  checkVersion,
  RoundPeerCorpus,
  submissionCommands,
  VersionSource,
  WorkflowAction,
} from '../modules/submissions';

/**
 * The shared seed reports (real published reports) under their own sample node, one closed round
 * per year, each read by the same importer as uploads and filed through the submission commands
 * on its publication day by the city reviewer: uploaded, submitted, approved and published.
 */
export async function importSeedReports(
  history: DemoHistory,
  config: AppConfig,
  province: OrganizationRow,
  reviewerId: string,
) {
  const out = { organizations: 0, rounds: 0, submissions: 0 };
  if (!config.seedReportsDir) return out;
  const names = (await readdir(config.seedReportsDir))
    .filter((n) => /\.(txt|html?|docx|xlsx)$/i.test(n))
    .sort();
  if (names.length === 0) return out;
  const { manager } = history;
  // every file read first, so that the sample node and its bodies are one list of the create
  // command (two statements)
  const readable = [];
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
    readable.push({ i, name, path, bytes, imported, report: imported.report, id: randomUUID() });
  }
  const groupId = randomUUID();
  const bodies: OrganizationToCreateInList[] = [
    {
      id: groupId,
      code: 'DEMO-SAMPLES',
      name: '样例报告（公开发布的真实报告，演示导入）',
      level: OrganizationLevel.CITY,
      parentId: province.id,
      reports: false,
      isDemo: true,
    },
    ...readable.map(({ i, name, report, id }) => ({
      id,
      code: `DEMO-SAMPLE-${i + 1}`,
      name: report.organization.name || name,
      level: OrganizationLevel.DEPARTMENT,
      parentId: groupId,
      kind: '科技局',
      region: report.organization.region ?? null,
      activeFromYear: report.year,
      activeToYear: report.year,
      isDemo: true,
    })),
  ];
  bodies.forEach((body, i) => checkNewOrganization(body, `organizations.${i}`));
  const [group, ...orgs] = (
    await insertCheckedOrganizations(manager, null, bodies, { held: [province] })
  ).map((c) => c.created);
  out.organizations += 1 + orgs.length;
  const rounds = new Map<number, RoundRow>();
  await mkdir(join(config.dataDir, 'uploads'), { recursive: true });
  for (const [k, { name, path, bytes, imported, report }] of readable.entries()) {
    const org = orgs[k]!;
    const at = report.publishedOn
      ? shanghaiInstant(report.publishedOn, 10)
      : shanghaiInstant(`${report.year + 1}-03-01`, 10);
    const context = history.context(reviewerId, at);
    let round = rounds.get(report.year);
    if (!round) {
      round = await roundWrites.create(context, null, group!, {
        year: report.year,
        scopeOrganizationId: group!.id,
        template: report.template,
        status: RoundStatus.CLOSED,
        departmentDeadline: statutoryDeadline(report.year, 'department'),
        governmentDeadline: statutoryDeadline(report.year, 'government'),
        isDemo: true,
      });
      rounds.set(report.year, round);
      out.rounds++;
    }
    const fileId = randomUUID();
    await copyFile(path, join(config.dataDir, 'uploads', fileId));
    const submission = await submissionCommands.open(context, {
      roundId: round.id,
      organizationId: org.id,
    });
    await submissionCommands.addFile(context, submission, {
      id: fileId,
      fileName: name,
      format: imported.format,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    await submissionCommands.addVersion(context, submission, {
      report,
      source: VersionSource.UPLOAD,
      checked: checkVersion(report, org.id, null, new RoundPeerCorpus(report.year)),
      previousYearVersionId: null,
      fileId,
      importWarnings: [...imported.warnings],
      auditData: { file: name, demo: true },
    });
    await submissionCommands.step(context, submission, WorkflowAction.Submit, {
      change: async (s) => {
        s.submittedVersionId = s.currentVersionId;
        return { version: s.versionCount };
      },
    });
    await submissionCommands.step(context, submission, WorkflowAction.Approve);
    await submissionCommands.step(context, submission, WorkflowAction.Publish);
    out.submissions++;
  }
  return out;
}
