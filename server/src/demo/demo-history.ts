import type { EntityManager } from 'typeorm';
import { type AuditEventInput, type CommandContext, writeAuditEvents } from '../modules/audit';

/**
 * Where the demo's commands run: the seed's transaction, the acting demo account (or the system)
 * and the instant the step happened. Their audit events are those the commands record, dated
 * `at`, gathered and written in one statement per actor by `flush` (before anything reads them, in the
 * same transaction): the seed writes thousands, one round trip each would triple its time.
 */
export type DemoHistory = {
  readonly manager: EntityManager;
  context(actorId: string | null, at: Date): CommandContext;
  flush(): Promise<void>;
};

export function demoHistory(manager: EntityManager): DemoHistory {
  const pending = new Map<string | null, AuditEventInput[]>();
  return {
    manager,
    context: (actorId, at) => ({
      manager,
      actorId,
      at,
      record: async (events) => {
        const list = pending.get(actorId) ?? [];
        for (const e of events) list.push({ ...e, at: e.at ?? at });
        pending.set(actorId, list);
      },
    }),
    flush: async () => {
      for (const [actorId, events] of pending) await writeAuditEvents(manager, actorId, events);
      pending.clear();
    },
  };
}
