import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AnnualReport, parseReport } from '@gongkai/report-model';
import { ImportError, importReportFile, moveIntoYear } from '@gongkai/report-import';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor';
import { badInput, badInputs } from '../../common/domain-error';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { OrganizationsService } from '../organizations';
import { RoundsService } from '../rounds';
import { SubmissionVersionEntity, VersionSource } from './submission-version.entity';
import { SubmissionsService } from './submissions.service';

export const UPLOAD_EXTENSIONS = [
  'txt',
  'html',
  'htm',
  'docx',
  'xlsx',
  'json',
  'pdf',
  'doc',
  'wps',
  'rtf',
  'odt',
] as const;

/**
 * Multer (busboy) reads multipart file names as latin1, while browsers send them in UTF-8: a
 * name like 报告.pdf arrives as mojibake. Decode it back when the bytes are valid UTF-8.
 */
export function uploadedName(name: string): string {
  if ([...name].some((c) => c.charCodeAt(0) > 0xff)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded;
}

/** `encrypted-pdf` → `import.encryptedPdf`: the reason key the web translates. */
function importReason(error: ImportError): {
  key: string;
  params: Record<string, string | number>;
} {
  const code = error.code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { key: `import.${code}`, params: { file: error.location.file, ...error.params } };
}

export type UploadResult = {
  submissionId: string;
  revision: number;
  versionId: string;
  versionNumber: number;
  fileId: string;
  format: string;
  kind: string;
  warnings: string[];
  /**
   * Set when the file was another year's report (or this year's in another template): its figures
   * were moved into this year's form where the templates correspond.
   */
  carried: { fromYear: number; toYear: number; cells: number; sections: number } | null;
};

/** A report file → a parsed draft version (with provenance) for the bureau to confirm. */
@Injectable()
export class ReportUploadService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly submissions: SubmissionsService,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
  ) {}

  uploadsDir(): string {
    return join(this.config.dataDir, 'uploads');
  }

  async upload(
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
    file: { originalname: string; buffer: Buffer },
  ): Promise<UploadResult> {
    const submission = await this.submissions.getForUpload(actor, submissionId);
    const fileName = uploadedName(file.originalname).slice(0, 255);
    const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
    if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext))
      throw badInput(
        'file',
        `unsupported file type ${ext ? `.${ext}` : '(no extension)'}: upload .docx, .doc, .wps, .pdf, .xlsx, .html, .txt or .json`,
        { key: 'upload.unsupportedType', params: { ext: ext ? `.${ext}` : '' } },
      );
    const round = await this.rounds.get(submission.roundId);
    // last year's report of the body splits glued digit runs of this year's carried-over figures
    const previous = await this.submissions.previousYearReport(
      submission.organizationId,
      round.year,
    );
    const parsed = await this.parse(file.buffer, fileName, ext, previous);
    const { warnings, format, kind } = parsed;
    let report = parsed.report;
    if (report.year !== round.year && report.year !== round.year - 1)
      throw badInput('file', `this round collects ${round.year} reports, not ${report.year}`, {
        key: 'round.wrongYear',
        params: { expected: round.year, actual: report.year },
      });
    if (report.organization.name.trim() === '') {
      // A blank template workbook names nobody: the report is this submission's body's.
      const organization = await this.organizations.get(submission.organizationId);
      report = { ...report, organization: { ...report.organization, name: organization.name } };
      warnings.push(
        `单位名称为空，已按报送单位填写为“${organization.name}” — the organization name was empty; filled in as the submitting body`,
      );
    }
    const fileId = randomUUID();
    const path = join(this.uploadsDir(), fileId);
    await mkdir(this.uploadsDir(), { recursive: true });
    await writeFile(path, file.buffer, { flag: 'wx' });
    try {
      const response = await this.submissions.inTransaction(async (manager) => {
        const current = await this.submissions.getVisible(actor, submissionId);
        const base = current.currentVersionId
          ? ((
              await manager.findOne(SubmissionVersionEntity, {
                where: { id: current.currentVersionId },
              })
            )?.report ?? null)
          : null;
        // last year's report, or this year's in an older template: moved where templates correspond
        const moved = moveIntoYear(report, round.year, base);
        if (moved && moved.cells.length === 0 && moved.sections.length === 0)
          throw badInput(
            'file',
            `this is the ${report.year} report and the form is for ${round.year}: no figure of it carries over`,
            {
              key: 'upload.nothingCarried',
              params: { actual: report.year, expected: round.year },
            },
          );
        if (moved) {
          report = moved.report;
          warnings.unshift(...moved.notes);
        }
        const stored = await this.submissions.recordFile(manager, actor, current, {
          id: fileId,
          fileName,
          format,
          size: file.buffer.length,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
        });
        const saved = await this.submissions.addVersion(
          manager,
          actor,
          submissionId,
          expectedRevision,
          {
            report,
            source: VersionSource.UPLOAD,
            fileId: stored.id,
            importWarnings: warnings,
          },
        );
        const response = {
          submissionId: saved.id,
          revision: saved.revision,
          versionId: saved.currentVersionId!,
          versionNumber: saved.versionCount,
          fileId: stored.id,
          format,
          kind,
          warnings,
          carried: moved
            ? {
                fromYear: parsed.report.year,
                toYear: round.year,
                cells: moved.cells.length,
                sections: moved.sections.length,
              }
            : null,
        };
        return response;
      });
      return response;
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  private async parse(
    bytes: Buffer,
    fileName: string,
    ext: string,
    previous: AnnualReport | null,
  ): Promise<{ report: AnnualReport; warnings: string[]; format: string; kind: string }> {
    if (ext === 'json') {
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        throw badInput(
          'file',
          `not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`,
          { key: 'upload.badJson' },
        );
      }
      const parsed = parseReport(json);
      if (!parsed.ok)
        throw badInputs(
          parsed.errors.map((e) => ({ field: `file.${e.path}`, message: e.message })),
        );
      return { report: parsed.report, warnings: [], format: 'json', kind: 'report' };
    }
    try {
      // PDF is read in a worker thread; .doc/.wps/.rtf/.odt by LibreOffice, one at a time.
      const result = await importReportFile(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        fileName,
        { maxBytes: this.config.maxUploadBytes, ...(previous ? { previous } : {}) },
      );
      if (result.kind === 'not-a-report')
        throw badInput(
          'file',
          'this document is not an annual report (e.g. a self-inspection report or progress note)',
          { key: 'import.notAReport', params: { file: fileName } },
        );
      return {
        report: result.report,
        warnings: [...result.warnings],
        format: result.format,
        kind: result.kind,
      };
    } catch (error) {
      if (error instanceof ImportError)
        throw badInput('file', error.describe(), importReason(error));
      throw error;
    }
  }
}
