import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import type { SubmissionStatus } from '../../../generated/graphql';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Table } from '../../../ui/Table';
import { useToast } from '../../../ui/Toast';
import { StatusBadge } from '../../submissions/components/StatusBadge';
import { hasFlag, REVIEWABLE, type ReviewFlag, useReviewList } from '../hooks/useReviewList';

type Props = {
  roundId?: string;
  statuses: readonly SubmissionStatus[];
  flag?: ReviewFlag;
  rule?: string;
};

/** Reports in the reviewer's scope, filtered by state and flag, with bulk approval. */
export function ReviewQueue({ roundId, statuses, flag, rule }: Props) {
  const { t, formatDate, errorText } = useI18n();
  const toast = useToast();
  const { items, totalCount, hasMore, loading, error, bulkApprove, approving } = useReviewList({
    roundId,
    statuses,
    flag,
    rule,
  });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const approvable = items.filter((i) => REVIEWABLE.includes(i.status));
  const chosen = approvable.filter((i) => selected.has(i.id));
  return (
    <div className="review-queue">
      <div className="toolbar">
        <span className="muted" role="status">
          {t('review.count', { shown: items.length, total: totalCount })}
          {hasMore && ` · ${t('review.more')}`}
        </span>
        <Button
          variant="primary"
          disabled={chosen.length === 0}
          busy={approving}
          onClick={async () => {
            try {
              await bulkApprove(chosen);
              toast.show(t('review.bulkApproved', { count: chosen.length }), 'ok');
              setSelected(new Set());
            } catch (e) {
              toast.show(errorText(e), 'error');
            }
          }}
        >
          {t('review.bulkApprove', { count: chosen.length })}
        </Button>
      </div>
      {error && <p role="alert">{errorText(error)}</p>}
      {loading ? (
        <p>{t('common.loading')}</p>
      ) : (
        <Table
          caption={t('review.queue')}
          hideCaption
          rows={items}
          rowKey={(i) => i.id}
          empty={t('review.empty')}
          testId="review-queue"
          selection={{
            selected,
            onToggle: (id) =>
              setSelected((s) => {
                const next = new Set(s);
                if (next.has(id)) next.delete(id);
                else next.add(id);
                return next;
              }),
            onToggleAll: (all) =>
              setSelected(all ? new Set(approvable.map((i) => i.id)) : new Set()),
            label: (i) => t('review.select', { name: i.organization.name }),
            allLabel: t('review.selectAll'),
          }}
          columns={[
            {
              key: 'org',
              header: t('review.organization'),
              render: (i) => <Link to={`/review/${i.id}`}>{i.organization.name}</Link>,
            },
            {
              key: 'status',
              header: t('submission.status'),
              render: (i) => <StatusBadge status={i.status} />,
            },
            {
              key: 'submitted',
              header: t('review.submittedAt'),
              render: (i) =>
                i.lastSubmittedAt ? formatDate(i.lastSubmittedAt, { dateStyle: 'short' }) : '—',
            },
            {
              key: 'flags',
              header: t('review.flags'),
              render: (i) => (
                <span className="flag-list">
                  {hasFlag(i, 'errors') && (
                    <Badge tone="error">
                      {t('flag.errorsN', { count: i.currentVersion?.errorCount ?? 0 })}
                    </Badge>
                  )}
                  {hasFlag(i, 'warnings') && (
                    <Badge tone="warn">
                      {t('flag.warningsN', { count: i.currentVersion?.warningCount ?? 0 })}
                    </Badge>
                  )}
                  {hasFlag(i, 'late') && <Badge tone="error">{t('flag.late')}</Badge>}
                  {hasFlag(i, 'incomplete') && <Badge tone="neutral">{t('flag.incomplete')}</Badge>}
                </span>
              ),
            },
            {
              key: 'returns',
              header: t('review.returns'),
              align: 'right',
              render: (i) => i.returnCount,
            },
          ]}
        />
      )}
    </div>
  );
}
