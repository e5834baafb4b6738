import { RULE_CATALOGUE } from '@gongkai/report-model';
import { useI18n } from '../../../app/i18n';
import type { FindingSeverity, QueueSort } from '../../../generated/graphql';
import { useViewer } from '../../auth/hooks/useViewer';
import { ruleLabel } from '../../overview/utils/rule-label';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { useQueueSubRegions } from '../hooks/useQueueSubRegions';
import { type QueueFilters, severityParam, sortParam } from '../utils/queue-filters';

type Props = {
  filters: QueueFilters;
  search: string;
  onSearch: (value: string) => void;
  /** Sets URL parameters at once (null removes one). */
  setParams: (changes: Record<string, string | null>) => void;
};

const SEVERITIES: readonly FindingSeverity[] = ['ERROR', 'WARNING', 'INFO'];
const SORTS: readonly QueueSort[] = ['DEADLINE', 'FINDINGS', 'WAITING'];
const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');

/** The queue's search box and filters; every value lives in the URL. */
export function ReviewQueueFilters({ filters, search, onSearch, setParams }: Props) {
  const setParam = (key: string, value: string | null) => setParams({ [key]: value });
  const { t, locale } = useI18n();
  const { viewer } = useViewer();
  const regions = useQueueSubRegions(
    viewer?.user.role === 'ADMIN' ? null : viewer?.user.organizationId,
    !viewer,
  );
  const lang = localeLang(locale);
  const rules = [...RULE_CATALOGUE]
    .map((r) => ({ id: r.id as string, label: ruleLabel(r.id, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const filtered =
    filters.rule ||
    filters.severity ||
    filters.late !== null ||
    filters.incomplete !== null ||
    filters.within ||
    search;
  return (
    <div className="toolbar filters queue-filters" role="search">
      <label className="inline-field">
        {t('queue.search')}
        <input
          type="search"
          value={search}
          placeholder={t('queue.searchPlaceholder')}
          onChange={(e) => onSearch(e.target.value)}
          data-testid="queue-search"
        />
      </label>
      <label className="inline-field">
        {t('queue.subRegion')}
        <select
          value={filters.within ?? ''}
          onChange={(e) => setParam('within', e.target.value || null)}
          data-testid="queue-region"
        >
          <option value="">{t('queue.allRegions')}</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        {t('queue.rule')}
        <select
          value={filters.rule ?? ''}
          onChange={(e) => setParam('rule', e.target.value || null)}
          data-testid="rule-filter"
        >
          <option value="">{t('queue.any')}</option>
          {rules.map((r) => (
            <option key={r.id} value={r.id} title={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        {t('queue.severity')}
        <select
          value={severityParam(filters.severity) ?? ''}
          onChange={(e) => setParam('severity', e.target.value || null)}
        >
          <option value="">{t('queue.any')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={severityParam(s) ?? ''}>
              {t(`severity.${s.toLowerCase() as 'error'}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        {t('queue.late')}
        <select
          value={yesNo(filters.late)}
          onChange={(e) => setParam('late', e.target.value || null)}
          data-testid="queue-late"
        >
          <option value="">{t('queue.any')}</option>
          <option value="yes">{t('queue.lateYes')}</option>
          <option value="no">{t('queue.lateNo')}</option>
        </select>
      </label>
      <label className="inline-field">
        {t('queue.incomplete')}
        <select
          value={yesNo(filters.incomplete)}
          onChange={(e) => setParam('incomplete', e.target.value || null)}
        >
          <option value="">{t('queue.any')}</option>
          <option value="yes">{t('queue.incompleteYes')}</option>
          <option value="no">{t('queue.incompleteNo')}</option>
        </select>
      </label>
      <label className="inline-field">
        {t('queue.sort')}
        <select
          value={filters.sort}
          onChange={(e) => setParam('sort', sortParam(e.target.value as QueueSort))}
          data-testid="queue-sort"
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`queue.sort.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('queue.sort')}
          value={filters.descending ? 'desc' : 'asc'}
          onChange={(e) => setParam('dir', e.target.value === 'desc' ? 'desc' : null)}
        >
          {(['asc', 'desc'] as const).map((d) => (
            <option key={d} value={d}>
              {filters.sort === 'WAITING' ? t(`queue.dir.WAITING.${d}`) : t(`queue.dir.${d}`)}
            </option>
          ))}
        </select>
      </label>
      {filtered && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            onSearch('');
            setParams({
              q: null,
              within: null,
              rule: null,
              severity: null,
              late: null,
              incomplete: null,
              flag: null,
            });
          }}
        >
          {t('queue.clearFilters')}
        </button>
      )}
    </div>
  );
}
