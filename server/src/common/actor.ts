import { Role } from './permissions';

/** The signed-in user on whose behalf a service acts. */
export type Actor = {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** The user's home organization. */
  readonly organizationId: string;
  /** Materialised path of the home organization (`/<id>/<id>/`), for subtree checks. */
  readonly organizationPath: string;
  readonly sessionId: string;
  /** Signed in with a one-time password that has not been changed yet. */
  readonly mustChangePassword?: boolean;
};

/**
 * What an actor may see: a bureau its own organization only, reviewers and supervisors their
 * subtree, admins everything. Expressed as a SQL condition over an organizations alias so every
 * access check is one set-based query.
 */
export function scopeCondition(
  actor: Actor,
  alias: string,
  param = 'scope',
): { sql: string; params: Record<string, string> } {
  if (actor.role === Role.ADMIN) return { sql: 'TRUE', params: {} };
  if (actor.role === Role.BUREAU)
    return { sql: `${alias}.id = :${param}`, params: { [param]: actor.organizationId } };
  return {
    sql: `${alias}.path LIKE :${param}`,
    params: { [param]: `${escapeLike(actor.organizationPath)}%` },
  };
}

/**
 * `scopeCondition` for a hand-written statement with positional parameters: `param(value)`
 * adds a value and returns its placeholder (`$3`); null when the actor sees everything.
 */
export function scopeConditionSql(
  actor: Actor,
  alias: string,
  param: (value: unknown) => string,
): string | null {
  if (actor.role === Role.ADMIN) return null;
  if (actor.role === Role.BUREAU) return `${alias}.id = ${param(actor.organizationId)}`;
  return `${alias}.path LIKE ${param(`${escapeLike(actor.organizationPath)}%`)}`;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Whether an organization (by its path) is inside the actor's scope. */
export function inScope(actor: Actor, organization: { id: string; path: string }): boolean {
  if (actor.role === Role.ADMIN) return true;
  if (actor.role === Role.BUREAU) return organization.id === actor.organizationId;
  return organization.path.startsWith(actor.organizationPath);
}
