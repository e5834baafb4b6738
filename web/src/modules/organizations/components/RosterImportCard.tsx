import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Dialog } from '../../../ui/Dialog';
import { Table } from '../../../ui/Table';
import { type RosterReport, useRosterImport } from '../hooks/useRosterImport';
import {
  groupRosterRows,
  ROSTER_KINDS,
  type RosterKind,
  type RosterPreviewRow,
} from '../utils/group-roster-rows';

/** Upload a roster (.xlsx, or .csv in UTF-8 or GB18030), preview what it would do, then apply it. */
export function RosterImportCard({ onApplied }: { onApplied: (message: string) => void }) {
  const { t, has, errorText } = useI18n();
  const { busy, preview, apply } = useRosterImport();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RosterReport | null>(null);
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
          t('roster.import.applied', {
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
  const groups = report ? groupRosterRows(report.rows) : null;
  const total = report ? report.created + report.changed + report.moved + report.closed : 0;
  const fieldName = (field: string) =>
    has(`roster.import.field.${field}`) ? t(`roster.import.field.${field}` as never) : field;
  const value = (v: string | number | boolean | null) =>
    v === null || v === ''
      ? '—'
      : typeof v === 'boolean'
        ? t(v ? 'common.yes' : 'common.no')
        : String(v);
  const detail = (kind: RosterKind, row: RosterPreviewRow) => {
    switch (kind) {
      case 'CREATED':
        return t('roster.import.under', { parent: row.toParent ?? '—' });
      case 'MOVED':
        return t('roster.import.movedFrom', {
          from: row.fromParent ?? '—',
          to: row.toParent ?? '—',
        });
      case 'CLOSED':
        return t('roster.import.closedAfter', { year: row.lastYear ?? '' });
      case 'CHANGED':
        return row.changes
          .filter((c) => c.field !== 'activeToYear' || !row.kinds.includes('CLOSED'))
          .map((c) => `${fieldName(c.field)}：${value(c.from)} → ${value(c.to)}`)
          .join('；');
    }
  };
  return (
    <Card
      title={t('roster.import.title')}
      actions={
        <a className="btn btn-ghost btn-sm" href="/api/organizations/roster/template.xlsx" download>
          {t('roster.import.template')}
        </a>
      }
    >
      <p className="muted">{t('roster.import.hint')}</p>
      <div className="org-toolbar">
        <label className="btn btn-secondary">
          {t('roster.import.choose')}
          <input
            type="file"
            className="visually-hidden"
            accept=".xlsx,.csv"
            aria-label={t('roster.import.file')}
            data-testid="roster-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </label>
        <span className={file ? undefined : 'muted'}>
          {file?.name ?? t('roster.import.noFile')}
        </span>
        <Button
          variant="primary"
          disabled={!file}
          busy={busy && !confirming}
          onClick={() => void run('preview')}
        >
          {t('roster.import.preview')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {report && groups && (
        <div data-testid="roster-preview">
          <div className="roster-counts" aria-live="polite">
            {ROSTER_KINDS.map((kind) => (
              <Badge key={kind} tone={kind === 'CLOSED' ? 'warn' : 'info'}>
                {t(`roster.import.kind.${kind}`)} {report[kindCount(kind)]}
              </Badge>
            ))}
            <Badge tone="neutral">
              {t('roster.import.unchanged')} {report.unchanged}
            </Badge>
            {report.errors.length > 0 && (
              <Badge tone="error">
                {t('roster.import.errorCount')} {report.errors.length}
              </Badge>
            )}
          </div>
          {report.errors.length > 0 && (
            <>
              <p role="alert" className="field-error">
                {t('roster.import.nothingSaved')}
              </p>
              <Table
                caption={t('roster.import.errors')}
                testId="roster-errors"
                rows={report.errors}
                rowKey={(e) => `${e.line}-${e.field}-${e.reason.key}`}
                columns={[
                  {
                    key: 'line',
                    header: t('roster.import.line'),
                    render: (e) => e.line,
                    align: 'right',
                    width: 80,
                  },
                  {
                    key: 'field',
                    header: t('roster.import.column'),
                    render: (e) => fieldName(e.field),
                    width: 120,
                  },
                  {
                    key: 'problem',
                    header: t('roster.import.problem'),
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
              caption={`${t(`roster.import.kind.${kind}`)}（${groups[kind].length}）`}
              testId={`roster-${kind.toLowerCase()}`}
              rows={groups[kind]}
              rowKey={(r) => `${kind}-${r.line}`}
              columns={[
                {
                  key: 'line',
                  header: t('roster.import.line'),
                  render: (r) => r.line,
                  align: 'right',
                  width: 80,
                },
                { key: 'code', header: t('orgAdmin.code'), render: (r) => r.code, width: 180 },
                { key: 'name', header: t('orgAdmin.name'), render: (r) => r.name },
                {
                  key: 'detail',
                  header: t('roster.import.detail'),
                  render: (r) => detail(kind, r),
                },
              ]}
            />
          ))}
          {report.errors.length === 0 && (
            <div className="org-actions">
              <Button variant="primary" disabled={total === 0} onClick={() => setConfirming(true)}>
                {t('roster.import.apply')}
              </Button>
              {total === 0 && <span className="muted">{t('roster.import.nothingToDo')}</span>}
            </div>
          )}
        </div>
      )}
      <Dialog
        open={confirming && !!report}
        title={t('roster.import.confirmTitle')}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button variant="primary" busy={busy} onClick={() => void run('apply')}>
              {t('roster.import.confirm')}
            </Button>
          </>
        }
      >
        <p>
          {t('roster.import.confirmText', {
            file: file?.name ?? '',
            created: report?.created ?? 0,
            changed: report?.changed ?? 0,
            moved: report?.moved ?? 0,
            closed: report?.closed ?? 0,
          })}
        </p>
        <p className="muted">{t('roster.import.undo')}</p>
      </Dialog>
    </Card>
  );
}

function kindCount(kind: RosterKind): 'created' | 'changed' | 'moved' | 'closed' {
  return ({ CREATED: 'created', CHANGED: 'changed', MOVED: 'moved', CLOSED: 'closed' } as const)[
    kind
  ];
}
