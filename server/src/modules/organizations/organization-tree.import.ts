import type { CommandContext } from '../audit';
import { type OrganizationToInsert, writeOrganizationRows } from './organization-tree.writer';

export type { OrganizationToInsert };

/**
 * The command that writes a whole generated tree (`gongkai seed`'s synthetic nation), inside the
 * caller's transaction: the nodes in statements of 5,000, parents before their children, and one
 * `organization.import` event on the first node. It checks nothing the generator guarantees
 * (codes unique, each path its parent's plus its id); the database's constraints still hold.
 */
export async function insertOrganizationTree(
  context: CommandContext,
  nodes: readonly OrganizationToInsert[],
): Promise<void> {
  const [first] = nodes;
  if (!first) return;
  await writeOrganizationRows(context.manager, nodes);
  await context.record([
    {
      organizationId: first.id,
      action: 'organization.import',
      data: { created: nodes.length, changed: 0, moved: 0, closed: 0 },
    },
  ]);
}
