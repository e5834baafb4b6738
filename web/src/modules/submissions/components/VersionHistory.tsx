import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Table } from '../../../ui/Table';
import { fieldLabel } from '../../submission-form/utils/field-label';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { useVersionDiff } from '../hooks/useVersionDiff';

type Version = {
  id: string;
  number: number;
  createdAt: string;
  source: string;
  errorCount: number;
  warningCount: number;
  completeness: number;
};

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Every saved version; choosing one shows what changed since the version before it. */
export function VersionHistory({ versions }: { versions: readonly Version[] }) {
  const i18n = useI18n();
  const { t, locale, formatDate, formatNumber } = i18n;
  const lang = localeLang(locale);
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  const [selected, setSelected] = useState<string | null>(sorted[0]?.id ?? null);
  const index = sorted.findIndex((v) => v.id === selected);
  const before = index >= 0 ? sorted[index + 1] : undefined;
  const { diff, loading } = useVersionDiff(before?.id ?? null, selected);
  return (
    <div className="version-history">
      <Table
        caption={t('versions.title')}
        hideCaption
        rows={sorted}
        rowKey={(v) => v.id}
        rowClassName={(v) => (v.id === selected ? 'selected' : undefined)}
        columns={[
          {
            key: 'number',
            header: t('versions.number'),
            render: (v) => (
              <button
                type="button"
                className="link-button"
                aria-pressed={v.id === selected}
                onClick={() => setSelected(v.id)}
              >
                v{v.number}
              </button>
            ),
          },
          {
            key: 'createdAt',
            header: t('versions.savedAt'),
            render: (v) => formatDate(v.createdAt, { dateStyle: 'short', timeStyle: 'short' }),
          },
          {
            key: 'source',
            header: t('versions.source'),
            render: (v) => t(`source.${v.source as 'MANUAL'}`),
          },
          {
            key: 'findings',
            header: t('versions.findings'),
            render: (v) => (
              <>
                <Badge tone={v.errorCount ? 'error' : 'ok'}>{v.errorCount}</Badge>{' '}
                <Badge tone={v.warningCount ? 'warn' : 'ok'}>{v.warningCount}</Badge>
              </>
            ),
          },
          {
            key: 'completeness',
            header: t('versions.completeness'),
            align: 'right',
            render: (v) => `${formatNumber(v.completeness)}%`,
          },
        ]}
      />
      {selected && !before && <p className="muted">{t('versions.first')}</p>}
      {loading && <p>{t('common.loading')}</p>}
      {diff && (
        <div className="version-diff" data-testid="version-diff">
          <h3>{t('versions.diff', { from: diff.fromNumber, to: diff.toNumber })}</h3>
          {diff.changes.length === 0 ? (
            <p className="muted">{t('versions.noChanges')}</p>
          ) : (
            <Table
              caption={t('versions.diff', { from: diff.fromNumber, to: diff.toNumber })}
              hideCaption
              rows={diff.changes}
              rowKey={(c) => c.path}
              columns={[
                {
                  key: 'path',
                  header: t('versions.field'),
                  render: (c) => <span title={c.path}>{fieldLabel(c.path, lang, i18n)}</span>,
                },
                {
                  key: 'before',
                  header: t('versions.before'),
                  render: (c) => <del>{show(c.before)}</del>,
                },
                {
                  key: 'after',
                  header: t('versions.after'),
                  render: (c) => <ins>{show(c.after)}</ins>,
                },
              ]}
            />
          )}
        </div>
      )}
    </div>
  );
}
