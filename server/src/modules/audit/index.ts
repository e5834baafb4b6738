// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. Entities leave the module as types only (relations name them by string).
export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export {
  type AuditEventInput,
  type CommandContext,
  listManager,
  recordEach,
  writeAuditEvents,
} from './audit-writer';
export { AuditEvent } from './audit-event.model';
export { AUDIT_READ_VIEWS } from './read-views';
export { type AuditEventRow, auditLookups } from './audit-lookups';
