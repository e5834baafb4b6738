import { useEffect, useMemo, useState } from 'react';
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
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Tabs } from '../../ui/Tabs';
import { useDebounced } from '../../ui/useDebounced';

/** The `peer` value of the URL that asks for every body ranked together. */
const ALL_PEERS = 'all';

/**
 * The ranking with every filter in the URL (round, region, peer group, department type, flag,
 * search). Governments and departments are not ranked together unless asked: without a peer
 * group in the URL the page ranks the largest peer group; "全部（不分组）" ranks everybody.
 */
export default function RankingPage() {
  const { t, formatDate, formatNumber, errorText } = useI18n();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const { roundId } = useRoundParam();
  const get = (k: string) => params.get(k) ?? undefined;
  const regionId = get('region') ?? viewer?.user.organizationId;
  // Peer groups and department types come from the whole ranked population (server); flags
  // from the rows seen so far. A value in the URL stays selectable even when absent.
  const choices = useFilterChoices(roundId, regionId);
  const peerParam = get('peer');
  const peerGroup =
    peerParam === ALL_PEERS ? undefined : (peerParam ?? choices.peerGroups[0]?.value);
  // Nothing is asked for until the default population is known (no flash of everybody).
  const peerKnown = peerParam !== undefined || choices.settled;
  const filters = {
    roundId: peerKnown ? roundId : undefined,
    regionId,
    peerGroup,
    departmentType: get('dept'),
    flag: get('flag'),
    search: get('q'),
    snapshotId: get('snapshot'),
  };
  const { page, rows, loading, updating, hasMore, loadMore, error } = useRanking(filters);
  // Search as you type: the URL follows the box once typing pauses.
  const [searchText, setSearchText] = useState(filters.search ?? '');
  const typed = useDebounced(searchText.trim(), 300);
  const [explaining, setExplaining] = useState<string | null>(null);
  const [tab, setTab] = useState('table');
  const set = (key: string, value: string | null | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  useEffect(() => {
    if (typed !== (params.get('q') ?? '')) set('q', typed);
    // only when the typed text settles
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);
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
        <label className="inline-field" title={t('ranking.peerHint')}>
          {t('ranking.peerGroup')}
          <select
            value={peerParam === ALL_PEERS ? ALL_PEERS : (filters.peerGroup ?? ALL_PEERS)}
            onChange={(e) => set('peer', e.target.value)}
            data-testid="peer-filter"
          >
            {options.peers.map((p) => (
              <option key={p.value} value={p.value}>
                {t('ranking.choiceCount', { value: p.value, count: p.count })}
              </option>
            ))}
            <option value={ALL_PEERS}>{t('ranking.peerAll')}</option>
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
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            data-testid="ranking-search"
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
            peerGroup={filters.peerGroup}
          />
        }
      >
        <SnapshotsPanel
          roundId={roundId}
          regionId={filters.regionId}
          peerGroup={filters.peerGroup}
          populationCount={page && !page.snapshotId ? page.populationCount : undefined}
          rankedCount={page?.rankedCount}
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
              <>
                <RankingTable
                  rows={rows}
                  indicators={page?.indicators ?? []}
                  onExplain={setExplaining}
                  filtered={Boolean(filters.search || filters.departmentType || filters.flag)}
                />
                {page && (
                  <div className="ranking-more" aria-live="polite">
                    <span className="muted" data-testid="ranking-shown">
                      {t('ranking.shownOf', {
                        shown: formatNumber(rows.length),
                        total: formatNumber(page.totalCount),
                      })}
                    </span>
                    {hasMore && (
                      <Button size="sm" busy={updating} onClick={() => void loadMore()}>
                        {t('ranking.loadMore')}
                      </Button>
                    )}
                  </div>
                )}
              </>
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
