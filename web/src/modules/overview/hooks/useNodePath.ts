import { useQuery } from '@apollo/client/react';
import { OrganizationDetailDocument } from '../../../generated/graphql';

/** The name of the node an overview is drilled into, and its parent's, for the subtitle. */
export function useNodePath(nodeId: string, home: string) {
  const { data } = useQuery(OrganizationDetailDocument, {
    variables: { id: nodeId },
    skip: nodeId === home,
  });
  const node = nodeId === home ? null : (data?.organization ?? null);
  return { name: node?.name ?? null, parentName: node?.parent?.name ?? null };
}
