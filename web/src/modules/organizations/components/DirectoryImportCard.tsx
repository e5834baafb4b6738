import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Dialog } from '../../../ui/Dialog';
import { Table } from '../../../ui/Table';
import { type DirectoryReport, useDirectoryImport } from '../hooks/useDirectoryImport';
import {
  groupDirectoryRows,
  ROSTER_KINDS,
  type DirectoryChangeKind,
  type RosterPreviewRow,
} from '../utils/group-directory-rows';

/** Upload a directory of bodies (.xlsx, or .csv in UTF-8 or GB18030), preview what it would do, then apply it. */
export function DirectoryImportCard({ onApplied }: { onApplied: (message: string) => void }) {
  const { t, has, errorText } = useI18n();
  const { busy, preview, apply } = useDirectoryImport();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DirectoryReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const run = async (action: 'preview' | 'apply') => {
    if (!file) return;
    setError(null);
    try {
      const result = await (action === 'preview' ? preview(file) : apply(file));
      setReport(result);
      if (action === 'apply') {
        setConfirming(false);
        onApplied(
          t('directory.import.applied', {
            created: result.created,
            changed: result.changed,
            moved: result.moved,
            closed: result.closed,
          }),
        );
        setReport(null);
        setFile(null);
      }
    } catch (e) {
      setConfirming(false);
      setError(errorText(e));
    }
  };
  const groups = report ? groupDirectoryRows(report.rows) : null;
  const total = report ? report.created + report.changed + report.moved + report.closed : 0;
  const fieldName = (field: string) =>
    has(`directory.import.field.${field}`) ? t(`directory.import.field.${field}` as never) : field;
  const value = (v: string | number | boolean | null) =>
    v === null || v === ''
      ? '—'
      : typeof v === 'boolean'
        ? t(v ? 'common.yes' : 'common.no')
        : String(v);
  const detail = (kind: DirectoryChangeKind, row: RosterPreviewRow) => {
    switch (kind) {
      case 'CREATED':
        return t('directory.import.under', { parent: row.toParent ?? '—' });
      case 'MOVED':
        return t('directory.import.movedFrom', {
          from: row.fromParent ?? '—',
          to: row.toParent ?? '—',
        });
      case 'CLOSED':
        return t('directory.import.closedAfter', { year: row.lastYear ?? '' });
      case 'CHANGED':
        return row.changes
          .filter((c) => c.field !== 'activeToYear' || !row.kinds.includes('CLOSED'))
          .map((c) => `${fieldName(c.field)}：${value(c.from)} → ${value(c.to)}`)
          .join('；');
    }
  };
  return (
    <Card
      title={t('directory.import.title')}
      actions={
        <a
          className="btn btn-ghost btn-sm"
          href="/api/organizations/directory/template.xlsx"
          download
        >
          {t('directory.import.template')}
        </a>
      }
    >
      <p className="muted">{t('directory.import.hint')}</p>
      <div className="org-toolbar">
        <label className="btn btn-secondary">
          {t('directory.import.choose')}
          <input
            type="file"
            className="visually-hidden"
            accept=".xlsx,.csv"
            aria-label={t('directory.import.file')}
            data-testid="directory-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </label>
        <span className={file ? undefined : 'muted'}>
          {file?.name ?? t('directory.import.noFile')}
        </span>
        <Button
          variant="primary"
          disabled={!file}
          busy={busy && !confirming}
          onClick={() => void run('preview')}
        >
          {t('directory.import.preview')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {report && groups && (
        <div data-testid="directory-preview">
          <div className="directory-counts" aria-live="polite">
            {ROSTER_KINDS.map((kind) => (
              <Badge key={kind} tone={kind === 'CLOSED' ? 'warn' : 'info'}>
                {t(`directory.import.kind.${kind}`)} {report[kindCount(kind)]}
              </Badge>
            ))}
            <Badge tone="neutral">
              {t('directory.import.unchanged')} {report.unchanged}
            </Badge>
            {report.errors.length > 0 && (
              <Badge tone="error">
                {t('directory.import.errorCount')} {report.errors.length}
              </Badge>
            )}
          </div>
          {report.errors.length > 0 && (
            <>
              <p role="alert" className="field-error">
                {t('directory.import.nothingSaved')}
              </p>
              <Table
                caption={t('directory.import.errors')}
                testId="roster-errors"
                rows={report.errors}
                rowKey={(e) => `${e.line}-${e.field}-${e.reason.key}`}
                columns={[
                  {
                    key: 'line',
                    header: t('directory.import.line'),
                    render: (e) => e.line,
                    align: 'right',
                    width: 80,
                  },
                  {
                    key: 'field',
                    header: t('directory.import.column'),
                    render: (e) => fieldName(e.field),
                    width: 120,
                  },
                  {
                    key: 'problem',
                    header: t('directory.import.problem'),
                    render: (e) => {
                      const key = `error.${e.reason.key}`;
                      return has(key) ? t(key, e.reason.params) : t('error.code.BAD_USER_INPUT');
                    },
                  },
                ]}
              />
            </>
          )}
          {ROSTER_KINDS.filter((kind) => groups[kind].length > 0).map((kind) => (
            <Table
              key={kind}
              caption={`${t(`directory.import.kind.${kind}`)}（${groups[kind].length}）`}
              testId={`roster-${kind.toLowerCase()}`}
              rows={groups[kind]}
              rowKey={(r) => `${kind}-${r.line}`}
              columns={[
                {
                  key: 'line',
                  header: t('directory.import.line'),
                  render: (r) => r.line,
                  align: 'right',
                  width: 80,
                },
                { key: 'code', header: t('orgAdmin.code'), render: (r) => r.code, width: 180 },
                { key: 'name', header: t('orgAdmin.name'), render: (r) => r.name },
                {
                  key: 'detail',
                  header: t('directory.import.detail'),
                  render: (r) => detail(kind, r),
                },
              ]}
            />
          ))}
          {report.errors.length === 0 && (
            <div className="org-actions">
              <Button variant="primary" disabled={total === 0} onClick={() => setConfirming(true)}>
                {t('directory.import.apply')}
              </Button>
              {total === 0 && <span className="muted">{t('directory.import.nothingToDo')}</span>}
            </div>
          )}
        </div>
      )}
      <Dialog
        open={confirming && !!report}
        title={t('directory.import.confirmTitle')}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button variant="primary" busy={busy} onClick={() => void run('apply')}>
              {t('directory.import.confirm')}
            </Button>
          </>
        }
      >
        <p>
          {t('directory.import.confirmText', {
            file: file?.name ?? '',
            created: report?.created ?? 0,
            changed: report?.changed ?? 0,
            moved: report?.moved ?? 0,
            closed: report?.closed ?? 0,
          })}
        </p>
        <p className="muted">{t('directory.import.undo')}</p>
      </Dialog>
    </Card>
  );
}

function kindCount(kind: DirectoryChangeKind): 'created' | 'changed' | 'moved' | 'closed' {
  return ({ CREATED: 'created', CHANGED: 'changed', MOVED: 'moved', CLOSED: 'closed' } as const)[
    kind
  ];
}
