import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput, badInputs, conflict } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { OrganizationEntity, type OrganizationRow } from './organization.entity';
import {
  checkPlacement,
  checkReports,
  codeInvalid,
  parentClosed,
  validateFields,
} from './organization-checks';
import { CODE_PATTERN, outlivesParent } from './organization-rules';
import {
  insertOrganizations,
  type NewOrganization,
  planOrganization,
} from './organization-tree.writer';
import type { CreateOrganizationInput } from './organization.types';

/** A new organization as the create command takes it (`isDemo` only from the demo loader). */
export type OrganizationToCreate = CreateOrganizationInput & Pick<NewOrganization, 'isDemo'>;

/**
 * The create command's checks of the input alone, before any database work; `field` is the
 * input's path in errors (a list's item names its row: `organizations.3`).
 */
export function checkNewOrganization(input: OrganizationToCreate, field = 'input'): void {
  const problems = validateFields(field, input);
  if (!CODE_PATTERN.test(input.code ?? '')) problems.push(codeInvalid(`${field}.code`, input.code));
  if (!input.name?.trim())
    problems.push({
      field: `${field}.name`,
      message: 'required',
      reason: { key: 'organization.nameRequired' },
    });
  if (problems.length > 0) throw badInputs(problems);
}

/**
 * An item of the create command's list form: an id the caller chose (so that later items can
 * name it as their parent before it is written), or none (chosen when written).
 */
export type OrganizationToCreateInList = OrganizationToCreate & { id?: string };

export type CreateListOptions = {
  /** Parent rows the caller holds, by id: not read again. */
  readonly held?: readonly OrganizationRow[];
  /** The path of item `i` in errors; `organizations.${i}` unless given. */
  readonly field?: (i: number) => string;
};

/**
 * The create command's list form inside the caller's transaction, after `checkNewOrganization`
 * of each item: a whole tree (or level) in three statements — the parents the list does not
 * hold read at once, the codes (and ids) taken read at once, then the nodes written parents
 * first (`insertOrganizations`). Each item is checked in order as the single form checks it,
 * against the database and the items before it: its parent exists (a row, a held one or an
 * earlier item), the level fits under it (a nation under nothing), a nation files no report, the
 * body does not outlive its parent, the code (and id) is
 * free; the first item that fails throws, naming its row, before anything is written. The caller
 * records the audit events.
 */
export async function insertCheckedOrganizations(
  manager: EntityManager,
  actor: Actor | null,
  inputs: readonly OrganizationToCreateInList[],
  options: CreateListOptions = {},
): Promise<{ created: OrganizationRow; parent: OrganizationRow | null }[]> {
  if (inputs.length === 0) return [];
  const field = options.field ?? ((i: number) => `organizations.${i}`);
  const chosen = new Set<string>();
  inputs.forEach(({ id }, i) => {
    if (id === undefined) return;
    if (!isUuid(id)) throw badInput(`${field(i)}.id`, 'must be a uuid');
    if (chosen.has(id)) throw badInput(`${field(i)}.id`, 'is the id of an earlier item');
    chosen.add(id);
  });
  const known = new Map((options.held ?? []).map((p) => [p.id, p]));
  const unread = [
    ...new Set(
      inputs
        .map((i) => i.parentId)
        .filter((id): id is string => !!id && !chosen.has(id) && !known.has(id) && isUuid(id)),
    ),
  ];
  if (unread.length > 0)
    for (const parent of await manager.find(OrganizationEntity, { where: { id: In(unread) } }))
      known.set(parent.id, parent);
  const taken = (await manager.query(
    `SELECT id, code FROM organizations WHERE code = ANY($1::text[]) OR id = ANY($2::uuid[])`,
    [[...new Set(inputs.map((i) => i.code))], [...chosen]],
  )) as { id: string; code: string }[];
  const codes = new Set(taken.map((r) => r.code));
  const ids = new Set(taken.map((r) => r.id));
  const planned = new Map<string, OrganizationRow>();
  const written = inputs.map((input, i) => {
    const at = field(i);
    const parentField = `${at}.parentId`;
    const parent = input.parentId
      ? (planned.get(input.parentId) ?? known.get(input.parentId) ?? null)
      : null;
    if (input.parentId && !parent)
      throw badInput(parentField, 'no such organization', {
        key: 'organization.parentUnknown',
      });
    const name = input.name.trim();
    checkPlacement(actor, name, input.level, parent, parentField);
    if (input.reports) checkReports(name, input.level, true, `${at}.reports`);
    if (parent && outlivesParent(input.activeToYear ?? null, parent.activeToYear))
      throw parentClosed(parent, parentField);
    if (codes.has(input.code))
      throw conflict(`an organization with code ${input.code} exists`, {
        key: 'organization.codeTaken',
        params: { code: input.code },
      });
    if (input.id !== undefined && ids.has(input.id))
      throw conflict(`${at}.id: an organization with id ${input.id} exists`);
    const created = planOrganization(input, parent, input.id);
    codes.add(created.code);
    planned.set(created.id, created);
    return { created, parent };
  });
  await insertOrganizations(
    manager,
    written.map((w) => w.created),
  );
  return written;
}

/**
 * The create command inside the caller's transaction, after `checkNewOrganization`: the list
 * form's one-item list (errors name `input`), with the parent the caller holds, if any.
 */
export async function insertCheckedOrganization(
  manager: EntityManager,
  actor: Actor | null,
  input: OrganizationToCreate,
  heldParent?: OrganizationRow,
): Promise<{ created: OrganizationRow; parent: OrganizationRow | null }> {
  const [one] = await insertCheckedOrganizations(manager, actor, [input], {
    held: heldParent ? [heldParent] : [],
    field: () => 'input',
  });
  return one!;
}
