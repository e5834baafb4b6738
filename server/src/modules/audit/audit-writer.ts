import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export type AuditEventInput = {
  organizationId: string;
  submissionId?: string | null;
  roundId?: string | null;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
  /** When it happened: the recording transaction's clock unless a command says otherwise. */
  at?: Date | null;
};

/**
 * Records events inside the caller's transaction, one statement. `AuditService.record` writes
 * through here and then tells its observers; the demo seed, which writes its own inboxes,
 * writes its history's events through here directly.
 */
export async function writeAuditEvents(
  manager: EntityManager,
  actorId: string | null,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await manager.insert(
    AuditEventEntity,
    events.map((e) => ({
      organizationId: e.organizationId,
      submissionId: e.submissionId ?? null,
      roundId: e.roundId ?? null,
      actorId,
      action: e.action,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      reason: e.reason ?? null,
      data: (e.data ?? {}) as never,
      ...(e.at ? { createdAt: e.at } : {}),
    })),
  );
}

/**
 * Where a module's command runs: the caller's transaction, who acts, how its audit events are
 * recorded (`AuditService.contextFor` tells the observers too), and when it happens — the
 * transaction's clock unless `at` says otherwise (the demo seed writes its history back-dated).
 * The caller has made its access checks.
 */
export type CommandContext = {
  readonly manager: EntityManager;
  /** The acting user (null: the system). */
  readonly actorId: string | null;
  readonly record: (events: AuditEventInput[]) => Promise<void>;
  readonly at?: Date | null;
};
