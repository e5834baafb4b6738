import './rounds.css';
import { isTemplateId, shanghaiYear, TEMPLATE_LABELS } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useUrlParams, useUrlSearch } from '../../../app/useUrlParams';
import { Badge, type Tone } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { LoadMore } from '../../../ui/LoadMore';
import { ProgressBar } from '../../../ui/ProgressBar';
import { Table } from '../../../ui/Table';
import { type ManagedRound, useManagedRounds } from '../hooks/useManagedRounds';
import { CreateRoundDialog } from './CreateRoundDialog';
import { DeadlinesDialog } from './DeadlinesDialog';
import { ExtensionsDialog } from './ExtensionsDialog';
import { type RoundMove, RoundStatusDialog } from './RoundStatusDialog';

const STATUS_TONE: Record<string, Tone> = { PLANNED: 'neutral', OPEN: 'ok', CLOSED: 'info' };
type Open =
  | { kind: 'create' }
  | { kind: 'move'; id: string; move: RoundMove }
  | { kind: 'deadlines'; id: string }
  | { kind: 'extensions'; id: string }
  | null;

/** The rounds the viewer manages: filters (year, search in the URL), progress, actions. */
export function RoundsAdmin() {
  const { t, locale, formatNumber, errorText } = useI18n();
  const { params, setParam } = useUrlParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const { search, settled, onSearch } = useUrlSearch();
  const { rounds, totalCount, hasMore, loading, error, loadMore } = useManagedRounds({
    year,
    search: settled,
  });
  const [open, setOpen] = useState<Open>(null);
  const latest = shanghaiYear(new Date()) + 1;
  const years = Array.from({ length: latest - 2008 + 1 }, (_, i) => latest - i);
  const lang = locale === 'en' ? 'en' : 'zh';
  const find = (id: string) => rounds.find((r) => r.id === id);
  const chosen = open && open.kind !== 'create' ? find(open.id) : undefined;
  return (
    <Card
      title={t('rounds.title')}
      headingLevel={1}
      actions={
        <Button variant="primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('rounds.create')}
        </Button>
      }
    >
      <p className="muted">{t('rounds.intro')}</p>
      <div className="toolbar rounds-filters">
        <label className="inline-field">
          {t('rounds.filterYear')}
          <select value={year ?? ''} onChange={(e) => setParam('year', e.target.value || null)}>
            <option value="">{t('rounds.allYears')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('rounds.search')}
          <input
            type="search"
            value={search}
            placeholder={t('rounds.searchPlaceholder')}
            onChange={(e) => onSearch(e.target.value)}
          />
        </label>
        <span className="muted" role="status">
          {t('rounds.count', { count: formatNumber(totalCount) })}
        </span>
      </div>
      {error && <p role="alert">{errorText(error)}</p>}
      <Table<ManagedRound>
        caption={t('rounds.title')}
        hideCaption
        rows={rounds}
        rowKey={(r) => r.id}
        testId="rounds-table"
        empty={loading ? t('common.loading') : t('rounds.empty')}
        columns={[
          {
            key: 'scope',
            header: t('rounds.col.scope'),
            render: (r) => <strong>{r.scopeOrganization.name}</strong>,
          },
          { key: 'year', header: t('rounds.col.year'), render: (r) => r.year },
          {
            key: 'template',
            header: t('rounds.col.template'),
            render: (r) => (isTemplateId(r.template) ? TEMPLATE_LABELS[r.template][lang] : '—'),
          },
          {
            key: 'status',
            header: t('rounds.col.status'),
            render: (r) => (
              <Badge tone={STATUS_TONE[r.status] ?? 'neutral'}>
                {t(`roundStatus.${r.status}`)}
              </Badge>
            ),
          },
          {
            key: 'deadlines',
            header: t('rounds.col.deadlines'),
            render: (r) => (
              <span className="round-deadlines">
                <span>{t('rounds.deadlineDepartments', { date: r.departmentDeadline })}</span>
                <span>{t('rounds.deadlineGovernments', { date: r.governmentDeadline })}</span>
              </span>
            ),
          },
          {
            key: 'progress',
            header: t('rounds.col.progress'),
            width: 260,
            render: (r) =>
              r.progress ? (
                <div className="round-progress">
                  <ProgressBar
                    label={t('rounds.progressLabel', {
                      submitted: r.progress.submitted,
                      expected: r.progress.expected,
                    })}
                    valueText=" "
                    value={r.progress.submitted}
                    max={r.progress.expected}
                    tone="ok"
                  />
                  <span className="muted small">
                    {t('rounds.progress', {
                      expected: r.progress.expected,
                      submitted: r.progress.submitted,
                      approved: r.progress.approved,
                      late: r.progress.late,
                    })}
                  </span>
                </div>
              ) : (
                t('rounds.noProgress')
              ),
          },
          {
            key: 'actions',
            header: t('rounds.col.actions'),
            render: (r) => (
              <span className="round-actions">
                {r.status === 'PLANNED' && (
                  <Button
                    size="sm"
                    variant="primary"
                    onClick={() => setOpen({ kind: 'move', id: r.id, move: 'open' })}
                  >
                    {t('rounds.open')}
                  </Button>
                )}
                {r.status === 'OPEN' && (
                  <Button
                    size="sm"
                    onClick={() => setOpen({ kind: 'move', id: r.id, move: 'close' })}
                  >
                    {t('rounds.close')}
                  </Button>
                )}
                {r.status === 'CLOSED' && (
                  <Button
                    size="sm"
                    onClick={() => setOpen({ kind: 'move', id: r.id, move: 'reopen' })}
                  >
                    {t('rounds.reopen')}
                  </Button>
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setOpen({ kind: 'deadlines', id: r.id })}
                >
                  {t('rounds.editDeadlines')}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setOpen({ kind: 'extensions', id: r.id })}
                >
                  {t('rounds.extensions', { count: r.extensions.length })}
                </Button>
              </span>
            ),
          },
        ]}
      />
      <LoadMore
        hasMore={hasMore}
        loading={loading}
        onLoadMore={loadMore}
        label={t('rounds.loadMore')}
      />
      {open?.kind === 'create' && <CreateRoundDialog open onClose={() => setOpen(null)} />}
      {open?.kind === 'move' && chosen && (
        <RoundStatusDialog round={chosen} move={open.move} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'deadlines' && chosen && (
        <DeadlinesDialog round={chosen} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'extensions' && chosen && (
        <ExtensionsDialog round={chosen} onClose={() => setOpen(null)} />
      )}
    </Card>
  );
}
