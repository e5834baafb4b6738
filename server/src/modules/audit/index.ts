// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module: its services and lookups hand out plain rows.
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
export { auditLookups } from './audit-lookups';
