// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module: others hold rows (`SubmissionRow`, `SubmissionVersionRow`).
export { SubmissionsModule } from './submissions.module';
export { SubmissionsService, findingKey } from './submissions.service';
export { toFinding } from './finding-view';
export { SubmissionStatsService, figuresFromRow } from './submission-stats.service';
export { BulkIngestService } from './bulk-ingest.service';
export { Finding, Submission } from './submission.model';
export { submissionLookups, type NumberedReturnRow } from './submission-lookups';
export { submissionCommands, type SubmissionCommandContext } from './submission-commands';
export { onSubmissionWrites, type SubmissionWriteHandlers } from './submission-writes';
export { SubmissionStatus, type SubmissionRow } from './submission.entity';
export { VersionSource, type SubmissionVersionRow } from './submission-version.entity';
export { ReturnKind, type SubmissionReturnRow } from './submission-return.entity';
export { WorkflowAction } from './submission-workflow';
export { checkVersion } from './version-check';
export { RoundPeerCorpus } from './peer-corpus';
export { UPLOAD_EXTENSIONS, uploadedName } from './report-upload.service';
export {
  figuresSelectSql,
  rosterJoinsSql,
  rosterWithSql,
  type FiguresRow,
} from './submission-stats.sql';
export {
  VERSIONS_WRITTEN,
  type VersionsWrittenObserver,
  type WrittenVersion,
} from './versions-written.port';
export { SUBMISSION_READ_VIEWS } from './read-views';
