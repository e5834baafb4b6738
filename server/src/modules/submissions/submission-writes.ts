import type { DataSource, EntityManager, InsertEvent, UpdateEvent } from 'typeorm';
import { SubmissionVersionEntity } from './submission-version.entity';
import { SubmissionEntity } from './submission.entity';

/** What another module keeps up to date when submissions' rows are written through TypeORM. */
export type SubmissionWriteHandlers = {
  /** A version was inserted (in the inserting transaction, `manager` its manager). */
  versionInserted(manager: EntityManager, versionId: string): Promise<void>;
  /** A submission's submitted version changed (in the updating transaction). */
  submittedVersionChanged(
    manager: EntityManager,
    submission: { roundId: string; organizationId: string },
  ): Promise<void>;
};

/** The handlers of each data source, for the commands that write by plain SQL. */
const direct = new WeakMap<DataSource, SubmissionWriteHandlers[]>();

/**
 * Tells the handlers that a submission's submitted version changed, for a command that updated
 * the row by plain SQL (which TypeORM's subscribers do not see), in the updating transaction.
 */
export async function submittedVersionChanged(
  manager: EntityManager,
  submission: { roundId: string; organizationId: string },
): Promise<void> {
  for (const handlers of direct.get(manager.connection) ?? [])
    await handlers.submittedVersionChanged(manager, submission);
}

/**
 * Tells the handlers that versions were inserted, for a command that inserted them by plain SQL
 * (which TypeORM's subscribers do not see), in the inserting transaction, one call per version.
 */
export async function versionsInserted(
  manager: EntityManager,
  versionIds: readonly string[],
): Promise<void> {
  for (const handlers of direct.get(manager.connection) ?? [])
    for (const id of versionIds) await handlers.versionInserted(manager, id);
}

/**
 * Registers TypeORM subscribers on the submissions module's entities that call `handlers`: every
 * path through TypeORM is covered, inside the writing transaction. (The commands that write by
 * plain SQL call `submittedVersionChanged` and `versionsInserted`; the bulk path tells
 * `VERSIONS_WRITTEN`.)
 */
export function onSubmissionWrites(
  dataSource: DataSource,
  handlers: SubmissionWriteHandlers,
): void {
  const registered = direct.get(dataSource) ?? [];
  registered.push(handlers);
  direct.set(dataSource, registered);
  dataSource.subscribers.push(
    {
      listenTo: () => SubmissionVersionEntity,
      afterInsert: async (event: InsertEvent<SubmissionVersionEntity>) => {
        const id = event.entity?.id;
        if (!id) return;
        await handlers.versionInserted(event.manager, id);
      },
    },
    {
      listenTo: () => SubmissionEntity,
      afterUpdate: async (event: UpdateEvent<SubmissionEntity>) => {
        const changed = event.updatedColumns.some(
          (column) => column.propertyName === 'submittedVersionId',
        );
        const submission = event.entity as SubmissionEntity | undefined;
        if (!changed || !submission?.roundId || !submission.organizationId) return;
        await handlers.submittedVersionChanged(event.manager, {
          roundId: submission.roundId,
          organizationId: submission.organizationId,
        });
      },
    },
  );
}
