import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { forbidden } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { AuditService } from '../audit';
import { OrganizationsService } from '../organizations';
import { RoundsService } from '../rounds';
import { DEFAULT_POSTS, type RequiredPostSpec } from './default-posts';
import { DisclosurePostEntity } from './disclosure-post.entity';
import { checkRequiredPosts, requiredPostWrites } from './required-post-writes';

/** Which posts a round requires of which kinds of organization (directory data, no names). */
@Injectable()
export class RequiredPostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async list(roundId: string): Promise<DisclosurePostEntity[]> {
    const round = await this.rounds.get(roundId);
    return this.dataSource.manager.find(DisclosurePostEntity, {
      where: { roundId: round.id },
      order: { sortOrder: 'ASC', postKey: 'ASC' },
    });
  }

  /**
   * Replaces the round's set (the default set when `posts` is omitted). The office running the
   * round (a reviewer whose subtree holds the round's government) or an admin.
   */
  async set(
    actor: Actor,
    input: { roundId: string; posts?: readonly RequiredPostSpec[] | null },
  ): Promise<DisclosurePostEntity[]> {
    const posts = input.posts ?? DEFAULT_POSTS;
    checkRequiredPosts(posts);
    const round = await this.rounds.get(input.roundId);
    const scope = await this.organizations.get(round.scopeOrganizationId);
    if (actor.role !== Role.ADMIN && !(actor.role === Role.REVIEWER && inScope(actor, scope)))
      throw forbidden('only the office running the round (or an admin) may configure its posts', {
        key: 'staffing.configureForbidden',
      });
    return this.dataSource.transaction((manager) =>
      requiredPostWrites.set(this.audit.contextFor(manager, actor), round, scope, posts),
    );
  }
}
