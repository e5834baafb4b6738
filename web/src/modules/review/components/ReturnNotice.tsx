import type { ReturnTurnFragment } from '../../../generated/graphql';
import { useI18n } from '../../../app/i18n';
import { useToast } from '../../../ui/Toast';
import { useReviewCycle } from '../hooks/useReviewCycle';
import { ReturnTurnView } from './ReturnTurnView';
import './review-cycle.css';

type Props = {
  status: string;
  turns: readonly ReturnTurnFragment[];
  /** The bureau may mark comments as dealt with (its own report, while returned). */
  canResolve: boolean;
};

/** The open return or reopen at the top of the bureau's form, and the earlier turns folded away. */
export function ReturnNotice({ status, turns, canResolve }: Props) {
  const { t, errorText } = useI18n();
  const toast = useToast();
  const { resolveComment, resolving } = useReviewCycle();
  const last = turns[turns.length - 1];
  const open = status === 'RETURNED' && last && !last.reply ? last : null;
  const earlier = open ? turns.slice(0, -1) : turns;
  if (!open && earlier.length === 0) return null;
  return (
    <>
      {open && (
        <section
          className="return-notice"
          role="region"
          aria-labelledby="return-notice-title"
          data-testid="return-notice"
        >
          <h2 id="return-notice-title">
            {t(open.kind === 'REOPEN' ? 'review.notice.reopened' : 'review.notice.returned')}
          </h2>
          <ReturnTurnView
            turn={open}
            busy={resolving}
            showNoReply={false}
            onResolve={
              canResolve
                ? (id, resolved) => {
                    resolveComment(id, resolved).catch((e: unknown) =>
                      toast.show(errorText(e), 'error'),
                    );
                  }
                : undefined
            }
          />
          <p className="muted">{t('review.notice.replyHint')}</p>
        </section>
      )}
      {earlier.length > 0 && (
        <details className="return-history" data-testid="return-history">
          <summary>{t('review.thread.history', { count: earlier.length })}</summary>
          <ol>
            {earlier.map((turn) => (
              <li key={turn.id}>
                <ReturnTurnView turn={turn} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
