import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import type { OrganizationLevel } from '../../../generated/graphql';
import { ActionDialog } from '../../../ui/ActionDialog';
import { Field } from '../../../ui/Field';
import { type TreeNode, useOrganizationActions } from '../hooks/useOrganizationTree';
import { levelsForNewNode } from '../utils/levels-for-new-node';

const CHILD_LEVEL: Record<OrganizationLevel, OrganizationLevel> = {
  NATION: 'PROVINCE',
  PROVINCE: 'CITY',
  CITY: 'COUNTY',
  COUNTY: 'DEPARTMENT',
  DEPARTMENT: 'DEPARTMENT',
  TOWNSHIP: 'TOWNSHIP',
};

const yearOrNull = (value: string): number | null =>
  value.trim() === '' ? null : Number(value.trim());
const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Creates a child of `parent`, or edits `node` (name, kind, peer group, active years). */
export function NodeFormDialog({
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
  const submit = async () => {
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
  };
  return (
    <ActionDialog
      title={
        node
          ? t('orgAdmin.editTitle', { name: node.name })
          : t('orgAdmin.createTitle', { parent: parent?.name ?? '' })
      }
      confirmLabel={t('common.save')}
      cancelLabel={t('common.cancel')}
      closeLabel={t('common.close')}
      busy={busy}
      onClose={onClose}
      onConfirm={submit}
      describeError={errorText}
    >
      {(confirm) => (
        <form
          className="org-form"
          onSubmit={(e) => {
            e.preventDefault();
            confirm();
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
            {(p) => (
              <input {...p} value={name} onChange={(e) => setName(e.target.value)} required />
            )}
          </Field>
          {!node && (
            <Field label={t('orgAdmin.levelLabel')}>
              {(p) => (
                <select
                  {...p}
                  value={level}
                  onChange={(e) => setLevel(e.target.value as OrganizationLevel)}
                >
                  {levelsForNewNode(parent?.level ?? null).map((l) => (
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
            {(p) => (
              <input {...p} value={peerGroup} onChange={(e) => setPeerGroup(e.target.value)} />
            )}
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
              <input
                {...p}
                inputMode="numeric"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" hidden />
        </form>
      )}
    </ActionDialog>
  );
}
