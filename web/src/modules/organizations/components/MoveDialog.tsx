import { shanghaiYear } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { ActionDialog } from '../../../ui/ActionDialog';
import { Field } from '../../../ui/Field';
import { useDebounced } from '../../../ui/useDebounced';
import {
  type TreeNode,
  useOrganizationActions,
  useOrganizationSearch,
} from '../hooks/useOrganizationTree';

/** Picks a new parent by searching; the server refuses cycles, wrong levels and closed parents. */
export function MoveDialog({
  node,
  onClose,
  onDone,
}: {
  node: TreeNode;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, errorText } = useI18n();
  const { update, busy } = useOrganizationActions();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query);
  const { hits, loading } = useOrganizationSearch(debounced, shanghaiYear(new Date()) - 1, null);
  const [target, setTarget] = useState<TreeNode | null>(null);
  const submit = async () => {
    if (!target) return;
    await update({
      variables: { input: { id: node.id, expectedRevision: node.revision, parentId: target.id } },
    });
    onDone(t('orgAdmin.moved', { name: node.name, parent: target.name }));
  };
  return (
    <ActionDialog
      title={t('orgAdmin.moveTitle', { name: node.name })}
      confirmLabel={
        target ? t('orgAdmin.moveConfirm', { parent: target.name }) : t('orgAdmin.move')
      }
      cancelLabel={t('common.cancel')}
      closeLabel={t('common.close')}
      busy={busy}
      disabled={!target}
      onClose={onClose}
      onConfirm={submit}
      describeError={errorText}
    >
      <Field label={t('orgAdmin.newParent')} hint={t('orgAdmin.searchHint')}>
        {(p) => (
          <input {...p} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        )}
      </Field>
      {loading && <p className="muted">{t('common.loading')}</p>}
      <ul className="move-candidates">
        {hits
          .filter((h) => h.node.id !== node.id)
          .map((h) => (
            <li key={h.node.id}>
              <Button
                size="sm"
                variant={target?.id === h.node.id ? 'primary' : 'ghost'}
                aria-pressed={target?.id === h.node.id}
                onClick={() => setTarget(h.node)}
              >
                {[...h.ancestors.map((a) => a.name), h.node.name].join(' › ')}
              </Button>
            </li>
          ))}
      </ul>
    </ActionDialog>
  );
}
