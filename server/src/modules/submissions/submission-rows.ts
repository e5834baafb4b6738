import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { columnsOf, entityOf } from '../../database/row-entities';
import { SubmissionReturnEntity } from './submission-return.entity';
import { SubmissionEntity } from './submission.entity';

/** A return or reopen with the numbers of the versions it names. */
export type ReturnRow = {
  r_returned_version_id: string | null;
  r_resubmitted_version_id: string | null;
  returned_number: number | null;
  resubmitted_number: number | null;
};

/**
 * Reading submissions' rows with the caller's EntityManager — inside its transaction, one
 * statement each — for the review module, whose workflow steps run inside
 * `SubmissionsService.transition`, and the queue's hand-written join. Other modules never name
 * the entity classes; they write through `submissionCommands`.
 */
export const submissionRows = {
  byIdOrFail(manager: EntityManager, id: string): Promise<SubmissionEntity> {
    return manager.findOneOrFail(SubmissionEntity, { where: { id } });
  },

  /** The submission's latest return not answered by a submit yet. */
  openReturn(manager: EntityManager, submissionId: string): Promise<SubmissionReturnEntity | null> {
    return manager.findOne(SubmissionReturnEntity, {
      where: { submissionId, repliedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  },

  /** Every return and reopen of the submissions, oldest first, with its versions' numbers. */
  async returnsOf(
    manager: EntityManager,
    submissionIds: string[],
  ): Promise<{ entities: SubmissionReturnEntity[]; raw: ReturnRow[] }> {
    // a fixed statement (the thread of every organization page reads it)
    const dataSource = manager.connection;
    const raw = (await manager.query(
      `SELECT ${columnsOf(dataSource, SubmissionReturnEntity, 'r')},
              rv.number AS returned_number, sv.number AS resubmitted_number
         FROM submission_returns r
         LEFT JOIN submission_versions rv ON rv.id = r.returned_version_id
         LEFT JOIN submission_versions sv ON sv.id = r.resubmitted_version_id
        WHERE r.submission_id = ANY($1::uuid[])
        ORDER BY r.created_at ASC`,
      [submissionIds],
    )) as (ReturnRow & Record<string, unknown>)[];
    const entities = raw.map((row) => entityOf(dataSource, SubmissionReturnEntity, 'r', row)!);
    return { entities, raw };
  },

  /** The columns of `submissions` aliased `alias`, as `alias_column`, for a hand-written join. */
  columns(dataSource: DataSource, alias: string): string {
    return columnsOf(dataSource, SubmissionEntity, alias);
  },

  /** The submission read by `columns(…, alias)` in `row` (null when the join matched none). */
  fromRow(dataSource: DataSource, alias: string, row: Record<string, unknown>) {
    return entityOf(dataSource, SubmissionEntity, alias, row);
  },
};
