export type DirectoryChangeKind = 'CREATED' | 'CHANGED' | 'MOVED' | 'CLOSED';
export const ROSTER_KINDS: readonly DirectoryChangeKind[] = [
  'CREATED',
  'CHANGED',
  'MOVED',
  'CLOSED',
];

export type RosterPreviewRow = {
  line: number;
  code: string;
  name: string;
  action: 'CREATE' | 'UPDATE' | 'UNCHANGED' | 'ERROR';
  kinds: DirectoryChangeKind[];
  changes: {
    field: string;
    from: string | number | boolean | null;
    to: string | number | boolean | null;
  }[];
  fromParent: string | null;
  toParent: string | null;
  lastYear: number | null;
};

/**
 * The rows of a roster preview by what they do (a row that is changed and moved appears in
 * both), in file order; rows in error and unchanged rows are left out.
 */
export function groupDirectoryRows(
  rows: readonly RosterPreviewRow[],
): Record<DirectoryChangeKind, RosterPreviewRow[]> {
  const groups: Record<DirectoryChangeKind, RosterPreviewRow[]> = {
    CREATED: [],
    CHANGED: [],
    MOVED: [],
    CLOSED: [],
  };
  const ordered = [...rows].sort((a, b) => a.line - b.line);
  for (const row of ordered) {
    if (row.action === 'ERROR' || row.action === 'UNCHANGED') continue;
    for (const kind of row.kinds) groups[kind].push(row);
  }
  return groups;
}
