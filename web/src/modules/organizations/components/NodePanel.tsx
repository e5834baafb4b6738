import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import type { OrganizationLevel } from '../../../generated/graphql';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useDebounced } from '../../../ui/useDebounced';
import {
  type TreeNode,
  useClosePreview,
  useOrganizationActions,
  useOrganizationSearch,
} from '../hooks/useOrganizationTree';

const LEVELS: OrganizationLevel[] = ['PROVINCE', 'CITY', 'COUNTY', 'DEPARTMENT', 'TOWNSHIP'];
const CHILD_LEVEL: Record<OrganizationLevel, OrganizationLevel> = {
  PROVINCE: 'CITY',
  CITY: 'COUNTY',
  COUNTY: 'DEPARTMENT',
  DEPARTMENT: 'DEPARTMENT',
  TOWNSHIP: 'TOWNSHIP',
};

const yearOrNull = (value: string): number | null =>
  value.trim() === '' ? null : Number(value.trim());
const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

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

/** Creates a child of `parent`, or edits `node` (name, kind, peer group, active years). */
function NodeFormDialog({
  parent,
  node,
  onClose,
  onDone,
}: {
  parent?: TreeNode;
  node?: TreeNode;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, errorText } = useI18n();
  const { create, update, busy } = useOrganizationActions();
  const [code, setCode] = useState('');
  const [name, setName] = useState(node?.name ?? '');
  const [level, setLevel] = useState<OrganizationLevel>(
    node?.level ?? CHILD_LEVEL[parent?.level ?? 'CITY'],
  );
  const [kind, setKind] = useState(node?.kind ?? '');
  const [peerGroup, setPeerGroup] = useState(node?.peerGroup ?? '');
  const [from, setFrom] = useState(node?.activeFromYear?.toString() ?? '');
  const [to, setTo] = useState(node?.activeToYear?.toString() ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      if (node) {
        await update({
          variables: {
            input: {
              id: node.id,
              expectedRevision: node.revision,
              name: name.trim(),
              kind: textOrNull(kind),
              peerGroup: textOrNull(peerGroup),
              activeFromYear: yearOrNull(from),
              activeToYear: yearOrNull(to),
            },
          },
        });
        onDone(t('orgAdmin.saved', { name: name.trim() }));
      } else {
        await create({
          variables: {
            input: {
              code: code.trim(),
              name: name.trim(),
              level,
              parentId: parent?.id ?? null,
              kind: textOrNull(kind),
              peerGroup: textOrNull(peerGroup),
              activeFromYear: yearOrNull(from),
              activeToYear: yearOrNull(to),
            },
          },
        });
        onDone(t('orgAdmin.created', { name: name.trim() }));
      }
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog
      open
      title={
        node
          ? t('orgAdmin.editTitle', { name: node.name })
          : t('orgAdmin.createTitle', { parent: parent?.name ?? '' })
      }
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form
        className="org-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {!node && (
          <Field label={t('orgAdmin.code')} hint={t('orgAdmin.codeHint')}>
            {(p) => (
              <input {...p} value={code} onChange={(e) => setCode(e.target.value)} required />
            )}
          </Field>
        )}
        <Field label={t('orgAdmin.name')}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required />}
        </Field>
        {!node && (
          <Field label={t('orgAdmin.levelLabel')}>
            {(p) => (
              <select
                {...p}
                value={level}
                onChange={(e) => setLevel(e.target.value as OrganizationLevel)}
              >
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`orgAdmin.level.${l}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('orgAdmin.kind')}>
          {(p) => <input {...p} value={kind} onChange={(e) => setKind(e.target.value)} />}
        </Field>
        <Field label={t('orgAdmin.peerGroup')}>
          {(p) => <input {...p} value={peerGroup} onChange={(e) => setPeerGroup(e.target.value)} />}
        </Field>
        <Field label={t('orgAdmin.fromYear')} hint={t('orgAdmin.fromYearHint')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('orgAdmin.toYear')} hint={t('orgAdmin.toYearHint')}>
          {(p) => (
            <input {...p} inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} />
          )}
        </Field>
        <button type="submit" hidden />
      </form>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** Picks a new parent by searching; the server refuses cycles, wrong levels and closed parents. */
function MoveDialog({
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
  const { hits, loading } = useOrganizationSearch(debounced, new Date().getFullYear() - 1, null);
  const [target, setTarget] = useState<TreeNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!target) return;
    setError(null);
    try {
      await update({
        variables: { input: { id: node.id, expectedRevision: node.revision, parentId: target.id } },
      });
      onDone(t('orgAdmin.moved', { name: node.name, parent: target.name }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog
      open
      title={t('orgAdmin.moveTitle', { name: node.name })}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} disabled={!target} onClick={() => void submit()}>
            {target ? t('orgAdmin.moveConfirm', { parent: target.name }) : t('orgAdmin.move')}
          </Button>
        </>
      }
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
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** Closes a body after a year: names it and how many bodies under it close too, or why it cannot. */
function CloseDialog({
  node,
  onClose,
  onDone,
}: {
  node: TreeNode;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, errorText } = useI18n();
  const { close, busy } = useOrganizationActions();
  const [lastYear, setLastYear] = useState(String(new Date().getFullYear() - 1));
  const year = /^\d{4}$/.test(lastYear) ? Number(lastYear) : null;
  const { preview, loading, error: previewError } = useClosePreview(node.id, year);
  const [error, setError] = useState<string | null>(null);
  const blocked = !preview || preview.laterSubmissions > 0;
  const submit = async () => {
    setError(null);
    try {
      await close({
        variables: { input: { id: node.id, expectedRevision: node.revision, lastYear: year! } },
      });
      onDone(
        t('orgAdmin.closedDone', { name: node.name, count: preview?.closing ?? 1, year: year! }),
      );
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog
      open
      title={t('orgAdmin.closeTitle', { name: node.name })}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="danger"
            busy={busy}
            disabled={blocked || loading}
            onClick={() => void submit()}
          >
            {t('orgAdmin.closeConfirm', { count: preview?.closing ?? 1 })}
          </Button>
        </>
      }
    >
      <Field label={t('orgAdmin.lastYear')} hint={t('orgAdmin.lastYearHint')}>
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={lastYear}
            onChange={(e) => setLastYear(e.target.value)}
          />
        )}
      </Field>
      {loading && <p className="muted">{t('common.loading')}</p>}
      {previewError && (
        <p role="alert" className="field-error">
          {errorText(previewError)}
        </p>
      )}
      {preview && preview.laterSubmissions === 0 && (
        <p data-testid="close-summary">
          {t('orgAdmin.closeSummary', {
            name: node.name,
            year: preview.lastYear,
            below: preview.closingBelow,
            count: preview.closing,
          })}
        </p>
      )}
      {preview && preview.laterSubmissions > 0 && (
        <p role="alert" className="field-error">
          {t('error.organization.laterWork', {
            name: node.name,
            count: preview.laterSubmissions,
            year: preview.laterSubmissionsFrom ?? preview.lastYear + 1,
          })}
        </p>
      )}
      <p className="muted">{t('orgAdmin.closeUndo')}</p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
