import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { ExplanationDialog } from '../../modules/ranking/components/ExplanationDialog';
import { ExportButtons } from '../../modules/ranking/components/ExportButtons';
import { RankingTable } from '../../modules/ranking/components/RankingTable';
import { SnapshotsPanel } from '../../modules/ranking/components/SnapshotsPanel';
import { WhatIfPanel } from '../../modules/ranking/components/WhatIfPanel';
import { useFilterChoices } from '../../modules/ranking/hooks/useFilterChoices';
import { useRanking } from '../../modules/ranking/hooks/useRanking';
import { RoundPicker } from '../../modules/rounds/components/RoundPicker';
import { useRoundParam } from '../../modules/rounds/hooks/useRoundParam';
import { Card } from '../../ui/Card';
import { Tabs } from '../../ui/Tabs';

/** The ranking with every filter in the URL (round, region, peer group, department type, flag, search). */
export default function RankingPage() {
  const { t, formatDate, errorText } = useI18n();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const { roundId } = useRoundParam();
  const get = (k: string) => params.get(k) ?? undefined;
  const filters = {
    roundId,
    regionId: get('region') ?? viewer?.user.organizationId,
    peerGroup: get('peer'),
    departmentType: get('dept'),
    flag: get('flag'),
    search: get('q'),
    snapshotId: get('snapshot'),
  };
  const { page, rows, loading, error } = useRanking(filters);
  const [explaining, setExplaining] = useState<string | null>(null);
  const [tab, setTab] = useState('table');
  const set = (key: string, value: string | null | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  // Peer groups and department types come from the whole ranked population (server); flags
  // from the rows seen so far. A value in the URL stays selectable even when absent.
  const choices = useFilterChoices(roundId, filters.regionId);
  const options = useMemo(() => {
    const withSelected = (list: readonly { value: string; count: number }[], selected?: string) =>
      selected && !list.some((c) => c.value === selected)
        ? [...list, { value: selected, count: 0 }]
        : list;
    const flags = new Map<string, string>();
    for (const r of rows) for (const f of r.flags) flags.set(f.id, f.labelZh);
    if (filters.flag && !flags.has(filters.flag)) flags.set(filters.flag, filters.flag);
    return {
      peers: withSelected(choices.peerGroups, filters.peerGroup),
      depts: withSelected(choices.departmentTypes, filters.departmentType),
      flags: [...flags],
    };
  }, [
    rows,
    choices.peerGroups,
    choices.departmentTypes,
    filters.peerGroup,
    filters.departmentType,
    filters.flag,
  ]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('ranking.title')}</h1>
        {page && (
          <p className="muted" data-testid="ranking-summary">
            {t('ranking.summary', {
              ranked: page.rankedCount,
              population: page.populationCount,
              shown: page.totalCount,
              model: `${page.model.titleZh} ${page.model.version}`,
              asOf: formatDate(page.asOf),
            })}
            {page.snapshotId && ` · ${t('ranking.fromSnapshot')}`}
          </p>
        )}
      </header>
      <div className="toolbar filters" role="search">
        <RoundPicker />
        <label className="inline-field">
          {t('ranking.peerGroup')}
          <select
            value={filters.peerGroup ?? ''}
            onChange={(e) => set('peer', e.target.value)}
            data-testid="peer-filter"
          >
            <option value="">{t('review.anyFlag')}</option>
            {options.peers.map((p) => (
              <option key={p.value} value={p.value}>
                {t('ranking.choiceCount', { value: p.value, count: p.count })}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('ranking.departmentType')}
          <select
            value={filters.departmentType ?? ''}
            onChange={(e) => set('dept', e.target.value)}
            data-testid="dept-filter"
          >
            <option value="">{t('review.anyFlag')}</option>
            {options.depts.map((d) => (
              <option key={d.value} value={d.value}>
                {t('ranking.choiceCount', { value: d.value, count: d.count })}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('review.flag')}
          <select
            value={filters.flag ?? ''}
            onChange={(e) => set('flag', e.target.value)}
            data-testid="flag-filter"
          >
            <option value="">{t('review.anyFlag')}</option>
            {options.flags.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('ranking.search')}
          <input
            type="search"
            defaultValue={filters.search ?? ''}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set('q', (e.target as HTMLInputElement).value.trim());
            }}
            onBlur={(e) => set('q', e.target.value.trim())}
          />
        </label>
      </div>
      <Card
        title={t('ranking.snapshots')}
        actions={
          <ExportButtons
            roundId={roundId}
            regionId={filters.regionId}
            snapshotId={filters.snapshotId}
          />
        }
      >
        <SnapshotsPanel
          roundId={roundId}
          regionId={filters.regionId}
          peerGroup={filters.peerGroup}
          selected={filters.snapshotId}
          onSelect={(id) => set('snapshot', id)}
        />
      </Card>
      {error && <p role="alert">{errorText(error)}</p>}
      <Tabs
        label={t('ranking.title')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            id: 'table',
            label: t('ranking.table'),
            content: loading ? (
              <p>{t('common.loading')}</p>
            ) : (
              <RankingTable
                rows={rows}
                indicators={page?.indicators ?? []}
                onExplain={setExplaining}
                filtered={Boolean(
                  filters.search || filters.peerGroup || filters.departmentType || filters.flag,
                )}
              />
            ),
          },
          {
            id: 'whatif',
            label: t('ranking.whatIf'),
            content: <WhatIfPanel filters={filters} indicators={page?.indicators ?? []} />,
          },
        ]}
      />
      {explaining && (
        <ExplanationDialog
          roundId={roundId}
          organizationId={explaining}
          onClose={() => setExplaining(null)}
        />
      )}
    </div>
  );
}
