import type { ReturnTurnFragment } from '../../../generated/graphql';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { focusControl } from '../../submission-form';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { changeLabel } from '../utils/change-label';
import { formatShanghaiMinute } from '@gongkai/report-model';
import './review-cycle.css';

type Props = {
  turn: ReturnTurnFragment;
  /** Bureau side, while the turn is open: a button per comment to mark it dealt with. */
  onResolve?: (commentId: string, resolved: boolean) => void;
  busy?: boolean;
  /** Cells can be focused (the form is on the page). */
  linkCells?: boolean;
  /** Say so when there is no reply yet (not on the bureau's own notice). */
  showNoReply?: boolean;
};

/** One return or reopen: who, when, why, the comments (resolved or open) and the reply. */
export function ReturnTurnView({
  turn,
  onResolve,
  busy,
  linkCells = true,
  showNoReply = true,
}: Props) {
  const { t, has, locale } = useI18n();
  const lang = localeLang(locale);
  const who = turn.reviewerName ?? t('review.thread.someReviewer');
  return (
    <div className="return-turn" data-testid="return-turn">
      <p className="return-turn-head">
        {t(turn.kind === 'REOPEN' ? 'review.thread.reopenedBy' : 'review.thread.returnedBy', {
          who,
          time: formatShanghaiMinute(turn.createdAt),
          version: turn.returnedVersionNumber ?? '?',
        })}
      </p>
      <p className="return-reason" data-testid="return-reason">
        <strong>{t('review.thread.reason')}</strong>
        {turn.reason}
      </p>
      {turn.comments.length > 0 && (
        <ul className="return-comments" aria-label={t('review.comments')}>
          {turn.comments.map((c) => {
            const label = c.cell ? changeLabel(c.cell, lang, t, has) : t('review.thread.general');
            return (
              <li key={c.id} data-testid="return-comment">
                <Badge
                  tone={c.resolution ? 'ok' : 'warn'}
                  title={c.resolution ? t(`review.resolution.${c.resolution}`) : undefined}
                >
                  {c.resolution ? t('review.thread.resolved') : t('review.thread.open')}
                </Badge>{' '}
                {c.cell && linkCells ? (
                  <a
                    href={`#${c.cell}`}
                    title={c.cell}
                    onClick={(e) => {
                      e.preventDefault();
                      focusControl(c.cell ?? '');
                    }}
                  >
                    {label}
                  </a>
                ) : (
                  <span title={c.cell ?? undefined}>{label}</span>
                )}
                ：{c.body}
                {c.resolution && (
                  <span className="muted"> （{t(`review.resolution.${c.resolution}`)}）</span>
                )}
                {onResolve && c.resolution !== 'CHANGED' && (
                  <>
                    {' '}
                    <Button
                      size="sm"
                      variant="ghost"
                      busy={busy}
                      onClick={() => onResolve(c.id, c.resolution !== 'MARKED')}
                    >
                      {c.resolution === 'MARKED'
                        ? t('review.thread.markOpen')
                        : t('review.thread.markResolved')}
                    </Button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {turn.reply ? (
        <p className="return-reply" data-testid="return-reply">
          <strong>
            {t('review.thread.replyBy', {
              who: turn.repliedByName ?? t('review.thread.theBureau'),
              time: turn.repliedAt ? formatShanghaiMinute(turn.repliedAt) : '—',
              version: turn.resubmittedVersionNumber ?? '?',
            })}
          </strong>
          {turn.reply}
        </p>
      ) : (
        showNoReply && <p className="muted">{t('review.thread.noReply')}</p>
      )}
    </div>
  );
}
