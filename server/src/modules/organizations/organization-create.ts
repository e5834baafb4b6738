import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInputs, conflict } from '../../common/domain-error';
import { OrganizationEntity, type OrganizationRow } from './organization.entity';
import {
  checkPlacement,
  codeInvalid,
  parentClosed,
  parentOf,
  validateFields,
} from './organization-checks';
import { CODE_PATTERN, outlivesParent } from './organization-rules';
import { insertOrganization, type NewOrganization } from './organization-tree.writer';
import type { CreateOrganizationInput } from './organization.types';

/** A new organization as the create command takes it (`isDemo` only from the demo loader). */
export type OrganizationToCreate = CreateOrganizationInput & Pick<NewOrganization, 'isDemo'>;

/** The create command's checks of the input alone, before any database work. */
export function checkNewOrganization(input: OrganizationToCreate): void {
  const problems = validateFields('input', input);
  if (!CODE_PATTERN.test(input.code ?? '')) problems.push(codeInvalid('input.code', input.code));
  if (!input.name?.trim())
    problems.push({
      field: 'input.name',
      message: 'required',
      reason: { key: 'organization.nameRequired' },
    });
  if (problems.length > 0) throw badInputs(problems);
}

/**
 * The create command inside the caller's transaction, after `checkNewOrganization`: the parent
 * exists (read here unless the caller passes the row it holds), the level fits under it, the
 * body does not outlive it, the code is free; then the node and its path are written. The caller
 * records the audit event.
 */
export async function insertCheckedOrganization(
  manager: EntityManager,
  actor: Actor | null,
  input: OrganizationToCreate,
  heldParent?: OrganizationRow,
): Promise<{ created: OrganizationRow; parent: OrganizationRow | null }> {
  const parent = input.parentId ? (heldParent ?? (await parentOf(manager, input.parentId))) : null;
  checkPlacement(actor, input.name.trim(), input.level, parent, 'input.parentId');
  if (parent && outlivesParent(input.activeToYear ?? null, parent.activeToYear))
    throw parentClosed(parent, 'input.parentId');
  if (await manager.exists(OrganizationEntity, { where: { code: input.code } }))
    throw conflict(`an organization with code ${input.code} exists`, {
      key: 'organization.codeTaken',
      params: { code: input.code },
    });
  const created = await insertOrganization(manager, input, parent);
  return { created, parent };
}
