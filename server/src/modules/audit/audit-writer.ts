import type { EntityManager } from 'typeorm';

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
 * Records events inside the caller's transaction, however many, in one statement: the events go
 * as one JSON parameter (`jsonb_to_recordset`), so a list command's thousand events cost one
 * round trip and one run of the table's statement triggers. `AuditService.record` writes through
 * here and then tells its observers; the demo seed, which writes its own inboxes, writes its
 * history's events through here directly.
 */
export async function writeAuditEvents(
  manager: EntityManager,
  actorId: string | null,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO audit_events (organization_id, submission_id, round_id, actor_id, action,
            from_status, to_status, reason, data, created_at)
     SELECT e.organization_id, e.submission_id, e.round_id, $2::uuid, e.action, e.from_status,
            e.to_status, e.reason, e.data, coalesce(e.at, now())
       FROM jsonb_to_recordset($1::jsonb) AS e(organization_id uuid, submission_id uuid,
            round_id uuid, action varchar, from_status varchar, to_status varchar, reason text,
            data jsonb, at timestamptz)`,
    [
      JSON.stringify(
        events.map((e) => ({
          organization_id: e.organizationId,
          submission_id: e.submissionId ?? null,
          round_id: e.roundId ?? null,
          action: e.action,
          from_status: e.fromStatus ?? null,
          to_status: e.toStatus ?? null,
          reason: e.reason ?? null,
          data: e.data ?? {},
          at: e.at ?? null,
        })),
      ),
      actorId,
    ],
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

/** The manager every context of a command list shares (a list runs in one transaction). */
export function listManager(items: readonly { readonly context: CommandContext }[]): EntityManager {
  const manager = items[0]!.context.manager;
  if (items.some((i) => i.context.manager !== manager))
    throw new Error('a command list runs in one transaction: every item needs the same manager');
  return manager;
}

/**
 * Records a command list's events, each through its item's context, one `record` call per run of
 * items sharing a context.
 */
export async function recordEach(
  entries: readonly { context: CommandContext; event: AuditEventInput }[],
): Promise<void> {
  let i = 0;
  while (i < entries.length) {
    const { context } = entries[i]!;
    const run: AuditEventInput[] = [];
    while (i < entries.length && entries[i]!.context === context) run.push(entries[i++]!.event);
    await context.record(run);
  }
}
