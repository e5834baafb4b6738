import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useUrlSearch } from '../../app/useUrlParams';
import { ReviewQueue } from '../../modules/review/components/ReviewQueue';
import { ReviewQueueFilters } from '../../modules/review/components/ReviewQueueFilters';
import {
  parseQueueFilters,
  severityParam,
  yesNoParam,
} from '../../modules/review/utils/queue-filters';
import { RoundPicker } from '../../modules/rounds/components/RoundPicker';
import { useRoundParam } from '../../modules/rounds/hooks/useRoundParam';

export default function ReviewQueuePage() {
  const { t } = useI18n();
  const [params, setSearchParams] = useSearchParams();
  const { roundId } = useRoundParam();
  const { search, settled, onSearch } = useUrlSearch();
  const filters = parseQueueFilters(params);
  const setParams = (changes: Record<string, string | null>) =>
    setSearchParams(
      (p) => {
        const next = new URLSearchParams(p);
        // an older `flag=` link becomes the filter that replaced it before anything changes
        if (next.has('flag')) {
          const read = parseQueueFilters(next);
          next.delete('flag');
          for (const [key, value] of [
            ['late', yesNoParam(read.late)],
            ['incomplete', yesNoParam(read.incomplete)],
            ['severity', severityParam(read.severity)],
          ] as const)
            if (value) next.set(key, value);
        }
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('review.queue')}</h1>
      </header>
      <div className="toolbar filters">
        <RoundPicker />
      </div>
      <ReviewQueueFilters
        filters={filters}
        search={search}
        onSearch={onSearch}
        setParams={setParams}
      />
      {roundId && (
        <ReviewQueue
          // a new round, filter or search starts a new selection
          key={`${roundId}|${JSON.stringify(filters)}|${settled}`}
          roundId={roundId}
          filters={filters}
          search={settled}
          setParams={setParams}
        />
      )}
    </div>
  );
}
