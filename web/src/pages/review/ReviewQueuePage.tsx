import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import type { SubmissionStatus } from '../../generated/graphql';
import { ruleLabel } from '../../modules/overview/utils/rule-label';
import { ReviewQueue } from '../../modules/review/components/ReviewQueue';
import { localeLang } from '../../modules/submission-form/utils/locale-lang';
import {
  REVIEW_FLAGS,
  REVIEWABLE,
  type ReviewFlag,
} from '../../modules/review/hooks/useReviewList';
import { RoundPicker } from '../../modules/rounds/components/RoundPicker';
import { useRoundParam } from '../../modules/rounds/hooks/useRoundParam';

const STATUSES: readonly SubmissionStatus[] = [
  'SUBMITTED',
  'RESUBMITTED',
  'RETURNED',
  'APPROVED',
  'PUBLISHED',
  'DRAFT',
];

export default function ReviewQueuePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const { roundId } = useRoundParam();
  const statusParam = params.get('status');
  const statuses: readonly SubmissionStatus[] =
    statusParam === 'all'
      ? []
      : statusParam
        ? (statusParam
            .split(',')
            .filter((s) => STATUSES.includes(s as SubmissionStatus)) as SubmissionStatus[])
        : REVIEWABLE;
  const flag = REVIEW_FLAGS.find((f) => f === params.get('flag')) as ReviewFlag | undefined;
  const rule = params.get('rule') ?? undefined;
  const set = (key: string, value: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('review.queue')}</h1>
      </header>
      <div className="toolbar filters" role="search">
        <RoundPicker />
        <label className="inline-field">
          {t('submission.status')}
          <select value={statusParam ?? ''} onChange={(e) => set('status', e.target.value || null)}>
            <option value="">{t('review.awaiting')}</option>
            <option value="all">{t('severity.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('review.flag')}
          <select value={flag ?? ''} onChange={(e) => set('flag', e.target.value || null)}>
            <option value="">{t('review.anyFlag')}</option>
            {REVIEW_FLAGS.map((f) => (
              <option key={f} value={f}>
                {t(`flag.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {rule && (
          <span className="inline-field" data-testid="rule-filter">
            {t('review.ruleFilter', { rule: ruleLabel(rule, localeLang(locale)) })}
            <button type="button" className="btn" onClick={() => set('rule', null)}>
              {t('review.clearRule')}
            </button>
          </span>
        )}
      </div>
      <ReviewQueue roundId={roundId} statuses={statuses} flag={flag} rule={rule} />
    </div>
  );
}
