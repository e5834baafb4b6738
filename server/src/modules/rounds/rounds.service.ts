import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { Connection, Page } from '../../common/pagination';
import type { RequestLoaders } from '../../graphql/request-loaders';
import type { OrganizationRow } from '../organizations';
import { RoundCommands, type CreateRoundInput, type UpdateRoundInput } from './round-commands';
import { baseDeadline, deadlineFor } from './round-deadline';
import type { RoundExtensionRow } from './round-extension.entity';
import { RoundQueries } from './round-queries';
import type { RoundRow } from './round.entity';

export type { CreateRoundInput, UpdateRoundInput } from './round-commands';

/**
 * The rounds module's face to the others: reporting rounds (year, template, deadlines per level,
 * extensions, expected bodies). Reads are `RoundQueries`, changes `RoundCommands`, the deadline
 * rule `round-deadline.ts` (and, for SQL, the view `expected_submissions`); the resolvers call
 * those directly.
 */
@Injectable()
export class RoundsService {
  constructor(
    private readonly queries: RoundQueries,
    private readonly commands: RoundCommands,
  ) {}

  byIdLoader(loaders: RequestLoaders): DataLoader<string, RoundRow | null> {
    return this.queries.byIdLoader(loaders);
  }

  get(id: string, manager?: EntityManager): Promise<RoundRow> {
    return this.queries.get(id, manager);
  }

  /** The rounds that concern the actor (see `RoundQueries.list`); `null` is the system. */
  list(
    actor: Actor | null,
    filter: { scopeOrganizationId?: string | null; year?: number | null },
  ): Promise<RoundRow[]> {
    return this.queries.list(actor, filter);
  }

  /** Rounds whose scope contains the organization (a bureau's rounds), newest first. */
  roundsFor(organization: OrganizationRow): Promise<RoundRow[]> {
    return this.queries.roundsFor(organization);
  }

  listManaged(
    actor: Actor,
    filter: { year?: number | null; scopeOrganizationId?: string | null; search?: string | null },
    page: Page,
  ): Promise<Connection<RoundRow>> {
    return this.queries.listManaged(actor, filter, page);
  }

  extensionsVisibleLoader(
    loaders: RequestLoaders,
    actor: Actor,
  ): DataLoader<string, RoundExtensionRow[]> {
    return this.queries.extensionsVisibleLoader(loaders, actor);
  }

  /** Extensions for many organizations in a round, keyed by organization id (set-based). */
  extensionsFor(
    roundId: string,
    organizationIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, RoundExtensionRow>> {
    return this.queries.extensionsFor(roundId, organizationIds, manager);
  }

  /** Organizations expected to report in the round (active in its year) under a node of its scope. */
  expectedBodies(
    round: RoundRow,
    nodeId?: string,
    manager?: EntityManager,
  ): Promise<OrganizationRow[]> {
    return this.queries.expectedBodies(round, nodeId, manager);
  }

  /** The round's deadline for the organization's level, before any extension. */
  baseDeadline(round: RoundRow, organization: OrganizationRow): string {
    return baseDeadline(round, organization);
  }

  /** The deadline that applies: the extension's when one was granted. */
  deadlineFor(
    round: RoundRow,
    organization: OrganizationRow,
    extension?: Pick<RoundExtensionRow, 'deadline'> | null,
  ): string {
    return deadlineFor(round, organization, extension);
  }

  create(actor: Actor | null, input: CreateRoundInput): Promise<RoundRow> {
    return this.commands.create(actor, input);
  }

  update(actor: Actor, input: UpdateRoundInput): Promise<RoundRow> {
    return this.commands.update(actor, input);
  }

  grantExtension(
    actor: Actor,
    input: { roundId: string; organizationId: string; deadline: string; reason: string },
  ): Promise<RoundExtensionRow> {
    return this.commands.grantExtension(actor, input);
  }
}
