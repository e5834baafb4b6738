import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { type TreeNode } from '../hooks/useOrganizationTree';
import { CloseDialog } from './CloseDialog';
import { MoveDialog } from './MoveDialog';
import { NodeFormDialog } from './NodeFormDialog';

type Mode = 'create' | 'edit' | 'move' | 'close' | null;

/** The selected body: its facts and what can be done to it. */
export function NodePanel({
  node,
  onChanged,
}: {
  node: TreeNode | null;
  onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>(null);
  if (!node)
    return (
      <Card title={t('orgAdmin.selected')}>
        <p className="muted">{t('orgAdmin.pickNode')}</p>
      </Card>
    );
  const done = (message: string) => {
    setMode(null);
    onChanged(message);
  };
  const years =
    node.activeFromYear || node.activeToYear
      ? `${node.activeFromYear ?? '…'}–${node.activeToYear ?? '…'}`
      : t('orgAdmin.always');
  return (
    <Card title={node.name}>
      <dl className="org-facts" data-testid="org-facts">
        <dt>{t('orgAdmin.code')}</dt>
        <dd>{node.code}</dd>
        <dt>{t('orgAdmin.levelLabel')}</dt>
        <dd>{t(`orgAdmin.level.${node.level}`)}</dd>
        <dt>{t('orgAdmin.kind')}</dt>
        <dd>{node.kind ?? '—'}</dd>
        <dt>{t('orgAdmin.peerGroup')}</dt>
        <dd>{node.peerGroup ?? '—'}</dd>
        <dt>{t('orgAdmin.activeYears')}</dt>
        <dd>{years}</dd>
        <dt>{t('orgAdmin.reports')}</dt>
        <dd>{node.reports ? t('common.yes') : t('common.no')}</dd>
      </dl>
      <div className="org-actions">
        <Button variant="primary" onClick={() => setMode('create')}>
          {t('orgAdmin.createChild')}
        </Button>
        <Button onClick={() => setMode('edit')}>{t('orgAdmin.edit')}</Button>
        <Button onClick={() => setMode('move')}>{t('orgAdmin.move')}</Button>
        <Button variant="danger" onClick={() => setMode('close')}>
          {t('orgAdmin.close')}
        </Button>
      </div>
      {mode === 'create' && (
        <NodeFormDialog parent={node} onClose={() => setMode(null)} onDone={done} />
      )}
      {mode === 'edit' && (
        <NodeFormDialog node={node} onClose={() => setMode(null)} onDone={done} />
      )}
      {mode === 'move' && <MoveDialog node={node} onClose={() => setMode(null)} onDone={done} />}
      {mode === 'close' && <CloseDialog node={node} onClose={() => setMode(null)} onDone={done} />}
    </Card>
  );
}
