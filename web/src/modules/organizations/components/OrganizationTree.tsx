import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import {
  type TreeNode,
  useOrganizationLevel,
  useOrganizationSearch,
} from '../hooks/useOrganizationTree';
import { buildSearchTree, type SearchTreeNode } from '../utils/build-search-tree';
import { highlightParts } from '../utils/highlight-parts';
import './organizations-admin.css';

type Selection = { selectedId: string | null; onSelect: (node: TreeNode) => void };

function NodeLabel({
  node,
  year,
  query,
  match,
  selection,
}: {
  node: TreeNode;
  year: number;
  query?: string;
  match?: boolean;
  selection: Selection;
}) {
  const { t } = useI18n();
  const closed = node.activeToYear !== null && node.activeToYear !== undefined;
  return (
    <button
      type="button"
      className={`org-node${selection.selectedId === node.id ? ' is-selected' : ''}${match === false ? ' is-context' : ''}`}
      aria-pressed={selection.selectedId === node.id}
      onClick={() => selection.onSelect(node)}
      title={node.code}
    >
      <span className="org-node-name">
        {query
          ? highlightParts(node.name, query).map((p, i) =>
              p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
            )
          : node.name}
      </span>
      <span className="org-node-meta">
        <Badge tone="neutral">{t(`orgAdmin.level.${node.level}`)}</Badge>
        {closed && (
          <Badge tone="warn">{t('orgAdmin.closedAfter', { year: node.activeToYear ?? '' })}</Badge>
        )}
        <span className="muted">
          {t('orgAdmin.reportingCount', { count: node.reportingBodies, year })}
        </span>
      </span>
    </button>
  );
}

function TreePage({
  parentId,
  year,
  after,
  depth,
  selection,
  onMore,
  isLast,
}: {
  parentId: string | null;
  year: number;
  after: string | null;
  depth: number;
  selection: Selection;
  onMore: (cursor: string) => void;
  isLast: boolean;
}) {
  const { t, errorText } = useI18n();
  const { nodes, next, loading, error, totalCount } = useOrganizationLevel(parentId, year, after);
  if (loading) return <li className="muted">{t('common.loading')}</li>;
  if (error)
    return (
      <li role="alert" className="field-error">
        {errorText(error)}
      </li>
    );
  return (
    <>
      {nodes.map((node) => (
        <TreeItem key={node.id} node={node} year={year} depth={depth} selection={selection} />
      ))}
      {isLast && next && (
        <li>
          <Button size="sm" variant="ghost" onClick={() => onMore(next)}>
            {t('orgAdmin.more', { total: totalCount })}
          </Button>
        </li>
      )}
    </>
  );
}

/** A level of the tree, loaded page by page (a county may have 60 children, a province thousands). */
export function TreeLevel({
  parentId,
  year,
  depth,
  selection,
}: {
  parentId: string | null;
  year: number;
  depth: number;
  selection: Selection;
}) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <ul className="org-tree" role={depth === 0 ? 'tree' : 'group'}>
      {cursors.map((after, i) => (
        <TreePage
          key={after ?? 'first'}
          parentId={parentId}
          year={year}
          after={after}
          depth={depth}
          selection={selection}
          isLast={i === cursors.length - 1}
          onMore={(c) => setCursors((list) => [...list, c])}
        />
      ))}
    </ul>
  );
}

function TreeItem({
  node,
  year,
  depth,
  selection,
}: {
  node: TreeNode;
  year: number;
  depth: number;
  selection: Selection;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const hasChildren = node.childCount > 0;
  return (
    <li
      role="treeitem"
      aria-expanded={hasChildren ? open : undefined}
      aria-selected={selection.selectedId === node.id}
    >
      <div className="org-row">
        {hasChildren ? (
          <button
            type="button"
            className="org-toggle"
            aria-label={t(open ? 'orgAdmin.collapse' : 'orgAdmin.expand', { name: node.name })}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="org-toggle" aria-hidden="true" />
        )}
        <NodeLabel node={node} year={year} selection={selection} />
        {hasChildren && (
          <span className="muted org-children">
            {t('orgAdmin.childCount', { count: node.childCount })}
          </span>
        )}
      </div>
      {open && <TreeLevel parentId={node.id} year={year} depth={depth + 1} selection={selection} />}
    </li>
  );
}

function SearchBranch({
  entry,
  year,
  query,
  selection,
}: {
  entry: SearchTreeNode<TreeNode>;
  year: number;
  query: string;
  selection: Selection;
}) {
  return (
    <li
      role="treeitem"
      aria-expanded={entry.children.length > 0 ? true : undefined}
      aria-selected={selection.selectedId === entry.node.id}
    >
      <div className="org-row">
        <span className="org-toggle" aria-hidden="true" />
        <NodeLabel
          node={entry.node}
          year={year}
          query={entry.match ? query : undefined}
          match={entry.match}
          selection={selection}
        />
      </div>
      {entry.children.length > 0 && (
        <ul className="org-tree" role="group">
          {entry.children.map((c) => (
            <SearchBranch
              key={c.node.id}
              entry={c}
              year={year}
              query={query}
              selection={selection}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function SearchPage({
  query,
  year,
  after,
  selection,
  onMore,
  isLast,
}: {
  query: string;
  year: number;
  after: string | null;
  selection: Selection;
  onMore: (cursor: string) => void;
  isLast: boolean;
}) {
  const { t, errorText } = useI18n();
  const { hits, next, loading, error, totalCount } = useOrganizationSearch(query, year, after);
  if (loading) return <p className="muted">{t('common.loading')}</p>;
  if (error)
    return (
      <p role="alert" className="field-error">
        {errorText(error)}
      </p>
    );
  return (
    <>
      {after === null && (
        <p className="muted" aria-live="polite" data-testid="org-search-count">
          {t('orgAdmin.searchCount', { count: totalCount })}
        </p>
      )}
      <ul className="org-tree" role="tree">
        {buildSearchTree(hits).map((entry) => (
          <SearchBranch
            key={entry.node.id}
            entry={entry}
            year={year}
            query={query}
            selection={selection}
          />
        ))}
      </ul>
      {isLast && next && (
        <Button size="sm" variant="ghost" onClick={() => onMore(next)}>
          {t('orgAdmin.more', { total: totalCount })}
        </Button>
      )}
    </>
  );
}

/** Search results as a tree: every match under its ancestors, the matching text marked; paged. */
export function SearchTree({
  query,
  year,
  selection,
}: {
  query: string;
  year: number;
  selection: Selection;
}) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <div>
      {cursors.map((after, i) => (
        <SearchPage
          key={after ?? 'first'}
          query={query}
          year={year}
          after={after}
          selection={selection}
          isLast={i === cursors.length - 1}
          onMore={(c) => setCursors((list) => [...list, c])}
        />
      ))}
    </div>
  );
}
