import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { type Actor, escapeLike, scopeCondition } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { selectEntities } from '../../database/row-entities';
import { type Page, type Connection } from '../../common/pagination';
import { newestFirstPage } from '../../common/newest-first-page';
import { AuditEventEntity, type AuditEventRow } from './audit-event.entity';
import { type AuditEventInput, type CommandContext, writeAuditEvents } from './audit-writer';

export type { AuditEventInput } from './audit-writer';

export type AuditFilter = {
  organizationId?: string | null;
  submissionId?: string | null;
  /** Events of this organization and every body under it. */
  withinId?: string | null;
  /** An action (`round.extend`) or a kind of actions (`round`: every `round.*`). */
  action?: string | null;
  /** Part of the organization's or the actor's name, the reason or the recorded data. */
  search?: string | null;
};

/**
 * Runs inside the transaction of the recorded change, after the events are written (the
 * notifications module writes its in-app notifications this way): a failing observer fails the
 * change, so nothing is recorded without what follows from it.
 */
export type AuditObserver = (
  manager: EntityManager,
  actor: Actor | null,
  events: readonly AuditEventInput[],
) => Promise<void>;

@Injectable()
export class AuditService {
  private readonly observers: AuditObserver[] = [];

  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  /** Records events inside the caller's transaction: no state change without its event. */
  async record(
    manager: EntityManager,
    actor: Actor | null,
    events: AuditEventInput | AuditEventInput[],
  ): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    await writeAuditEvents(manager, actor?.userId ?? null, list);
    for (const observer of this.observers) await observer(manager, actor, list);
  }

  /** Where a module's command runs for the actor's action in `manager`'s transaction. */
  contextFor(manager: EntityManager, actor: Actor | null): CommandContext {
    return {
      manager,
      actorId: actor?.userId ?? null,
      record: (events) => this.record(manager, actor, events),
    };
  }

  /** Subscribes to every recorded event (see `AuditObserver`). */
  observe(observer: AuditObserver): void {
    this.observers.push(observer);
  }

  /** Events the actor may read (those of organizations in scope), newest first. */
  async list(actor: Actor, filter: AuditFilter, page: Page): Promise<Connection<AuditEventRow>> {
    const scope = scopeCondition(actor, 'o');
    const qb = this.events
      .createQueryBuilder('e')
      .innerJoin('organization_directory', 'o', 'o.id = e.organization_id')
      .where(scope.sql, scope.params);
    for (const [field, value] of [
      ['organizationId', filter.organizationId],
      ['withinId', filter.withinId],
      ['submissionId', filter.submissionId],
    ] as const)
      if (value && !isUuid(value)) throw badInput(field, 'not an id', { key: 'common.notAnId' });
    if (filter.organizationId)
      qb.andWhere('e.organization_id = :org', { org: filter.organizationId });
    if (filter.withinId)
      qb.andWhere(
        "o.path LIKE (SELECT w.path FROM organization_directory w WHERE w.id = :within) || '%'",
        {
          within: filter.withinId,
        },
      );
    if (filter.submissionId) qb.andWhere('e.submission_id = :sub', { sub: filter.submissionId });
    const action = filter.action?.trim();
    if (action)
      qb.andWhere('(e.action = :action OR e.action LIKE :actionKind)', {
        action,
        actionKind: `${escapeLike(action)}.%`,
      });
    const search = filter.search?.trim();
    if (search)
      qb.leftJoin('user_contacts', 'u', 'u.id = e.actor_id').andWhere(
        '(o.name LIKE :q OR u.display_name LIKE :q OR e.reason LIKE :q OR e.data::text LIKE :q)',
        { q: `%${escapeLike(search)}%` },
      );
    return newestFirstPage(qb, page);
  }

  /** Events of many submissions at once (for DataLoaders); the caller has checked access. */
  async forSubmissions(submissionIds: readonly string[]): Promise<AuditEventRow[]> {
    if (submissionIds.length === 0) return [];
    return selectEntities(
      this.events.manager.connection,
      AuditEventEntity,
      'e',
      'WHERE e.submission_id = ANY($1::uuid[]) ORDER BY e.created_at ASC, e.id ASC',
      [submissionIds],
    );
  }
}
