import {
  isIsoDay,
  isTemplateId,
  shanghaiYear,
  statutoryDeadline,
  templatesForYear,
} from '@gongkai/report-model';
import type { Actor } from '../../common/actor';
import { badInput, badInputs, conflict, type FieldProblem } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import type { CommandContext } from '../audit';
import {
  GOVERNMENT_LEVELS,
  isActiveIn,
  OrganizationLevel,
  type OrganizationRow,
} from '../organizations';
import { baseDeadline } from './round-deadline';
import { RoundExtensionEntity, type RoundExtensionRow } from './round-extension.entity';
import { RoundEntity, type RoundRow, RoundStatus } from './round.entity';

/** Who runs rounds: the governments, and the nation above them (which files no report itself). */
const RUNS_ROUNDS: ReadonlySet<OrganizationLevel> = new Set([
  OrganizationLevel.NATION,
  ...GOVERNMENT_LEVELS,
]);

export type CreateRoundInput = {
  year: number;
  scopeOrganizationId: string;
  template?: string | null;
  departmentDeadline?: string | null;
  governmentDeadline?: string | null;
  status?: RoundStatus;
  isDemo?: boolean;
};

/**
 * The commands that write a round's aggregate — the round and its extensions — with their rules
 * and audit events, inside the caller's transaction and after its access checks (`RoundCommands`
 * for a user's action, the demo seed for its history, back-dated by `context.at`).
 */
export const roundWrites = {
  /**
   * Creates a round of `scope` (PLANNED unless the input says otherwise). `actor` null is the
   * system (demo data, tests): no limit on the year, any template of the year.
   */
  async create(
    context: CommandContext,
    actor: Actor | null,
    scope: OrganizationRow,
    input: CreateRoundInput,
  ): Promise<RoundRow> {
    const { manager } = context;
    if (!RUNS_ROUNDS.has(scope.level))
      throw badInput(
        'input.scopeOrganizationId',
        'a round is run by the nation or a government (province, city or county)',
        { key: 'round.scopeNotGovernment', params: { name: scope.name } },
      );
    const problems: FieldProblem[] = [];
    const latest = shanghaiYear(context.at ?? new Date()) + 1;
    if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100)
      problems.push({
        field: 'input.year',
        message: 'must be a statistics year between 2008 and 2100',
        reason: { key: 'round.yearInvalid' },
      });
    else if (actor && input.year > latest)
      problems.push({
        field: 'input.year',
        message: `a round can be prepared at most for next year (${latest})`,
        reason: { key: 'round.yearTooLate', params: { year: input.year, latest } },
      });
    const defaultTemplate = templatesForYear(input.year)[0] ?? '2021';
    const template = input.template?.trim() || defaultTemplate;
    if (!isTemplateId(template))
      problems.push({
        field: 'input.template',
        message: `unknown template ${template}`,
        reason: { key: 'round.templateUnknown', params: { template } },
      });
    else if (!templatesForYear(input.year).includes(template))
      problems.push({
        field: 'input.template',
        message: `template ${template} is not used for ${input.year} reports`,
        reason: { key: 'round.templateNotOfYear', params: { template, year: input.year } },
      });
    else if (actor && actor.role !== Role.ADMIN && template !== defaultTemplate)
      problems.push({
        field: 'input.template',
        message: 'only an admin may choose another template than the year’s',
        reason: { key: 'round.templateAdminOnly' },
      });
    const departmentDeadline =
      input.departmentDeadline || statutoryDeadline(input.year, 'department');
    const governmentDeadline =
      input.governmentDeadline || statutoryDeadline(input.year, 'government');
    if (problems.length === 0)
      problems.push(...checkDeadlines(input.year, departmentDeadline, governmentDeadline));
    if (problems.length > 0) throw badInputs(problems);
    if (
      await manager.exists(RoundEntity, {
        where: { scopeOrganizationId: scope.id, year: input.year },
      })
    )
      throw conflict(`a ${input.year} round already exists for ${scope.name}`, {
        key: 'round.duplicate',
        params: { year: input.year, name: scope.name },
      });
    const round = await manager.save(
      manager.create(RoundEntity, {
        year: input.year,
        template: template as RoundEntity['template'],
        scopeOrganizationId: scope.id,
        status: input.status ?? RoundStatus.PLANNED,
        departmentDeadline,
        governmentDeadline,
        isDemo: input.isDemo ?? false,
        ...(context.at ? { createdAt: context.at, updatedAt: context.at } : {}),
      }),
    );
    await context.record([
      {
        organizationId: scope.id,
        roundId: round.id,
        action: 'round.create',
        toStatus: round.status,
        data: { year: round.year, scopeName: scope.name },
      },
    ]);
    return round;
  },

  /**
   * A later deadline for `organization`, expected in `round` of `scope`, with a reason (replaces
   * an earlier extension of the same body). The date must be after the body's base deadline.
   */
  async extend(
    context: CommandContext,
    round: RoundRow,
    scope: OrganizationRow,
    organization: OrganizationRow,
    input: { deadline: string; reason: string },
  ): Promise<RoundExtensionRow> {
    const { manager } = context;
    if (
      !organization.path.startsWith(scope.path) ||
      !organization.reports ||
      !isActiveIn(organization, round.year)
    )
      throw badInput('input.organizationId', `${organization.name} is not expected in the round`, {
        key: 'round.extensionOutsideRound',
        params: { name: organization.name, year: round.year, scope: scope.name },
      });
    if (!isIsoDay(input.deadline))
      throw badInput('input.deadline', 'must be a date YYYY-MM-DD', {
        key: 'round.dateInvalid',
      });
    const reason = input.reason.trim();
    if (!reason)
      throw badInput('input.reason', 'say why the extension is granted', {
        key: 'round.extensionReasonRequired',
      });
    if (reason.length > 2000)
      throw badInput('input.reason', 'at most 2000 characters', {
        key: 'round.extensionReasonTooLong',
        params: { max: 2000 },
      });
    const base = baseDeadline(round, organization);
    if (input.deadline <= base)
      throw badInput('input.deadline', `must be after the round's deadline ${base}`, {
        key: 'round.extensionNotLater',
        params: { base, name: organization.name },
      });
    const existing = await manager.findOne(RoundExtensionEntity, {
      where: { roundId: round.id, organizationId: organization.id },
    });
    const saved = await manager.save(
      Object.assign(
        existing ??
          manager.create(RoundExtensionEntity, {
            roundId: round.id,
            organizationId: organization.id,
          }),
        {
          deadline: input.deadline,
          reason,
          grantedById: context.actorId,
          ...(context.at ? { createdAt: context.at } : {}),
        },
      ),
    );
    await context.record([
      {
        organizationId: organization.id,
        roundId: round.id,
        action: 'round.extend',
        reason: saved.reason,
        data: {
          year: round.year,
          organizationName: organization.name,
          deadline: saved.deadline,
          reason: saved.reason,
        },
      },
    ]);
    return saved;
  },

  /**
   * Closes an open round (`gongkai seed` once a generated year is stored) with its
   * `round.update` event; the round's scope is passed by the caller, which has read it.
   */
  async close(
    context: CommandContext,
    round: Pick<RoundRow, 'id' | 'year' | 'status'>,
    scope: Pick<OrganizationRow, 'id' | 'name'>,
  ): Promise<void> {
    if (round.status !== RoundStatus.OPEN)
      throw conflict(`a ${round.status.toLowerCase()} round cannot become closed`, {
        key: `round.move.${round.status}.${RoundStatus.CLOSED}`,
      });
    await context.manager.query(
      `UPDATE rounds SET status = $2, revision = revision + 1, updated_at = now() WHERE id = $1`,
      [round.id, RoundStatus.CLOSED],
    );
    await context.record([
      {
        organizationId: scope.id,
        roundId: round.id,
        action: 'round.update',
        fromStatus: round.status,
        toStatus: RoundStatus.CLOSED,
        data: {
          year: round.year,
          scopeName: scope.name,
          changes: { status: [round.status, RoundStatus.CLOSED] },
        },
      },
    ]);
  },
};

/** The rules of a round's two deadlines: days, after the statistics year, governments' last. */
export function checkDeadlines(
  year: number,
  department: string,
  government: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, value] of [
    ['departmentDeadline', department],
    ['governmentDeadline', government],
  ] as const) {
    if (!isIsoDay(value))
      problems.push({
        field: `input.${field}`,
        message: 'must be a date YYYY-MM-DD',
        reason: { key: 'round.dateInvalid' },
      });
    else if (value < `${year + 1}-01-01`)
      problems.push({
        field: `input.${field}`,
        message: `a ${year} report cannot be due before ${year + 1}-01-01`,
        reason: {
          key: 'round.deadlineTooEarly',
          params: { year, first: `${year + 1}-01-01`, date: value },
        },
      });
  }
  if (problems.length === 0 && government < department)
    problems.push({
      field: 'input.governmentDeadline',
      message: `the governments' deadline ${government} is before the departments' ${department}`,
      reason: { key: 'round.deadlinesOverlap', params: { government, department } },
    });
  return problems;
}
