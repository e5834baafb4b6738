import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { type Actor, inScope } from '../../common/actor';
import { notFound } from '../../common/domain-error';
import { CURSOR_BY_TEXT, pageOf, pagedComplexity, type Connection } from '../../common/pagination';
import {
  CurrentActor,
  FieldPermission,
  RequirePermission,
  signedInActor,
} from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { JSONScalar } from '../../graphql/json.scalar';
import { selectsField } from '../../graphql/selection';
import { Organization, OrganizationsService, type OrganizationRow } from '../organizations';
import { Round, RoundsService } from '../rounds';
import {
  JustifyFindingInput,
  SaveDraftInput,
  StartSubmissionInput,
  SubmissionsArgs,
  SubmitInput,
} from './submission.inputs';
import {
  Finding,
  ReportFile,
  Submission,
  SubmissionConnection,
  SubmissionVersion,
  Timeliness,
  VersionDiff,
} from './submission.model';
import { type FindingLike, toFinding } from './finding-view';
import { revealedPeerMessage } from './peer-corpus';
import type { SubmissionEntity } from './submission.entity';
import { SubmissionAccess } from './submission-access';
import { SubmissionLifecycle } from './submission-lifecycle';
import { SubmissionLoaders } from './submission-loaders';
import { SubmissionQueries } from './submission-queries';
import { SubmissionVersions } from './submission-versions';
import { findingKey } from './submission.types';

@Resolver(() => Submission)
export class SubmissionsResolver {
  constructor(
    private readonly access: SubmissionAccess,
    private readonly loaders: SubmissionLoaders,
    private readonly queries: SubmissionQueries,
    private readonly versionWrites: SubmissionVersions,
    private readonly lifecycle: SubmissionLifecycle,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
  ) {}

  @Query(() => Submission, { description: 'A submission the viewer may see (NOT_FOUND otherwise)' })
  @RequirePermission(Permission.SubmissionRead)
  submission(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Submission> {
    return this.access.getVisible(actor, id);
  }

  @Query(() => SubmissionConnection, { complexity: pagedComplexity })
  @RequirePermission(Permission.SubmissionRead)
  submissions(
    @CurrentActor() actor: Actor,
    @Args() args: SubmissionsArgs,
  ): Promise<Connection<Submission>> {
    return this.queries.list(actor, args, pageOf(args, CURSOR_BY_TEXT));
  }

  @Query(() => SubmissionVersion, {
    description: 'One version (NOT_FOUND outside the viewer’s scope)',
  })
  @RequirePermission(Permission.SubmissionRead)
  async submissionVersion(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SubmissionVersion> {
    const version = (await this.access.visibleVersions(actor, [id])).get(id);
    if (!version) throw notFound('version');
    return version;
  }

  @Query(() => VersionDiff, {
    description: 'Cells and fields changed between two versions of one submission',
  })
  @RequirePermission(Permission.SubmissionRead)
  versionDiff(
    @CurrentActor() actor: Actor,
    @Args('fromVersionId', { type: () => ID }) fromVersionId: string,
    @Args('toVersionId', { type: () => ID }) toVersionId: string,
  ): Promise<VersionDiff> {
    return this.queries.diff(actor, fromVersionId, toVersionId);
  }

  @Mutation(() => Submission, {
    description: 'Opens (or returns) the submission of a body in a round',
  })
  @RequirePermission(Permission.SubmissionEdit)
  startSubmission(
    @CurrentActor() actor: Actor,
    @Args('input') input: StartSubmissionInput,
  ): Promise<Submission> {
    return this.lifecycle.start(actor, input);
  }

  @Mutation(() => Submission, {
    description: 'Saves a new immutable version, checked by the rules',
  })
  @RequirePermission(Permission.SubmissionEdit)
  saveDraft(
    @CurrentActor() actor: Actor,
    @Args('input') input: SaveDraftInput,
  ): Promise<Submission> {
    return this.versionWrites.saveDraft(actor, input);
  }

  @Mutation(() => Submission, {
    description: 'Submits (or resubmits) the current version; errors block it',
  })
  @RequirePermission(Permission.SubmissionSubmit)
  submitSubmission(
    @CurrentActor() actor: Actor,
    @Args('input') input: SubmitInput,
  ): Promise<Submission> {
    return this.lifecycle.submit(actor, input);
  }

  @Mutation(() => Submission, {
    description:
      'Attaches the bureau’s justification to a warning; the revision goes up (CONFLICT when expectedRevision is stale)',
  })
  @RequirePermission(Permission.SubmissionEdit)
  justifyFinding(
    @CurrentActor() actor: Actor,
    @Args('input') input: JustifyFindingInput,
  ): Promise<Submission> {
    return this.lifecycle.justify(actor, input);
  }

  @ResolveField(() => Organization)
  @FieldPermission(Permission.SubmissionRead)
  organization(s: Submission, _args: NoArgs, ctx: GraphqlContext): Promise<Organization | null> {
    return this.organizations.byIdLoader(ctx.loaders).load(s.organizationId);
  }

  @ResolveField(() => Round)
  @FieldPermission(Permission.SubmissionRead)
  round(s: Submission, _args: NoArgs, ctx: GraphqlContext): Promise<Round | null> {
    return this.rounds.byIdLoader(ctx.loaders).load(s.roundId);
  }

  @ResolveField(() => SubmissionVersion, {
    nullable: true,
    description: 'The latest saved version',
  })
  @FieldPermission(Permission.SubmissionRead)
  currentVersion(
    s: Submission,
    _args: NoArgs,
    ctx: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Promise<SubmissionVersion | null> {
    return s.currentVersionId
      ? this.loaders.version(ctx.loaders, s.currentVersionId, selectsField(info, 'report'))
      : Promise.resolve(null);
  }

  @ResolveField(() => SubmissionVersion, {
    nullable: true,
    description: 'The version submitted for review',
  })
  @FieldPermission(Permission.SubmissionRead)
  submittedVersion(
    s: Submission,
    _args: NoArgs,
    ctx: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Promise<SubmissionVersion | null> {
    return s.submittedVersionId
      ? this.loaders.version(ctx.loaders, s.submittedVersionId, selectsField(info, 'report'))
      : Promise.resolve(null);
  }

  @ResolveField(() => [SubmissionVersion], { description: 'Every version, oldest first' })
  @FieldPermission(Permission.SubmissionRead)
  versions(
    s: Submission,
    _args: NoArgs,
    ctx: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Promise<SubmissionVersion[]> {
    // findings and completeness are what read a version's checks
    const withChecks = selectsField(info, 'findings') || selectsField(info, 'completeness');
    return this.loaders.versionsLoader(ctx.loaders, withChecks).load(s.id);
  }

  @ResolveField(() => [ReportFile])
  @FieldPermission(Permission.SubmissionRead)
  async files(s: Submission, _args: NoArgs, ctx: GraphqlContext): Promise<ReportFile[]> {
    const files = await this.loaders.filesLoader(ctx.loaders).load(s.id);
    return files.map((f) => ({ ...f, downloadPath: `/api/files/${f.id}` }));
  }

  @ResolveField(() => Timeliness)
  @FieldPermission(Permission.SubmissionRead)
  timeliness(s: Submission, _args: NoArgs, ctx: GraphqlContext): Promise<Timeliness> {
    return this.loaders
      .timelinessLoader(ctx.loaders)
      .load(s as SubmissionEntity)
      .then((t) => ({ ...t, finding: t.finding ? toFinding(t.finding, null) : null }));
  }
}

@Resolver(() => SubmissionVersion)
export class SubmissionVersionsResolver {
  constructor(
    private readonly loaders: SubmissionLoaders,
    private readonly organizations: OrganizationsService,
  ) {}

  @ResolveField(() => [Finding], {
    description:
      'Findings of check() at save time, with justifications; an originality.peer finding names the other body only to viewers who may see it',
  })
  @FieldPermission(Permission.SubmissionRead)
  async findings(
    v: SubmissionVersion & { findings: FindingLike[]; summary: { year: number } },
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<Finding[]> {
    const actor = signedInActor(ctx.req);
    const peerIds = [
      ...new Set(
        v.findings.flatMap((f) => (f.data?.peerOrganizationId ? [f.data.peerOrganizationId] : [])),
      ),
    ];
    const [justifications, peers] = await Promise.all([
      this.loaders.justificationsLoader(ctx.loaders).load(v.submissionId),
      // batched with every other version of the request: one query for all peers
      peerIds.length
        ? this.organizations.byIdLoader(ctx.loaders).loadMany(peerIds)
        : Promise.resolve([]),
    ]);
    const visiblePeers = new Map(
      peers
        .filter((o): o is OrganizationRow => !!o && !(o instanceof Error) && inScope(actor, o))
        .map((o) => [o.id, o]),
    );
    const byKey = new Map(justifications.map((j) => [j.findingKey, j.text]));
    return v.findings.map((f) => {
      const finding = toFinding(f, byKey.get(findingKey(f)) ?? null);
      const peer = f.data?.peerOrganizationId
        ? visiblePeers.get(f.data.peerOrganizationId)
        : undefined;
      if (!peer) return finding;
      const message = revealedPeerMessage(f.actual ?? 0, v.summary.year, peer.name);
      return {
        ...finding,
        message: message.zh,
        messageEn: message.en,
        peerOrganizationId: peer.id,
      };
    });
  }

  @ResolveField(() => JSONScalar, { description: 'The canonical report (gongkai/annual-report@1)' })
  @FieldPermission(Permission.SubmissionRead)
  report(
    v: SubmissionVersion & { report?: unknown },
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<unknown> {
    if (v.report !== undefined) return Promise.resolve(v.report);
    const stored = this.loaders.reportTextOf(v);
    if (stored) return Promise.resolve(stored);
    return this.loaders.versionReportLoader(ctx.loaders).load(v.id);
  }

  @ResolveField(() => Number, { description: 'Share of expected cells and sections filled, 0–100' })
  @FieldPermission(Permission.SubmissionRead)
  completeness(v: SubmissionVersion & { summary: { completeness: number } }): number {
    return v.summary.completeness;
  }
}
