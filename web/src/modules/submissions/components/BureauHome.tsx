import { useNavigate } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Table } from '../../../ui/Table';
import { useBureauRounds } from '../hooks/useBureauRounds';
import { useOpenReturns } from '../../review/hooks/useOpenReturns';
import { formatShanghaiMinute } from '@gongkai/report-model';
import '../../review/components/review-cycle.css';
import { StatusBadge } from './StatusBadge';

/** A bureau's landing: each round it reports in, its status and deadline, one click to the form. */
export function BureauHome({
  organizationId,
  organizationName,
  headingLevel,
}: {
  organizationId: string;
  organizationName: string;
  /** 1 when the list is the page. */
  headingLevel?: 1 | 2;
}) {
  const { t, errorText } = useI18n();
  const navigate = useNavigate();
  const { rounds, byRound, loading, error, start, starting } = useBureauRounds(organizationId);
  const openReturns = useOpenReturns(organizationId);
  return (
    <Card title={t('bureau.title', { name: organizationName })} headingLevel={headingLevel}>
      {loading && <p>{t('common.loading')}</p>}
      {error && <p role="alert">{errorText(error)}</p>}
      {!loading && (
        <Table
          caption={t('bureau.rounds')}
          rows={rounds}
          rowKey={(r) => r.id}
          empty={t('bureau.noRounds')}
          testId="bureau-rounds"
          columns={[
            { key: 'year', header: t('round.year'), render: (r) => r.year },
            { key: 'scope', header: t('round.scope'), render: (r) => r.scopeOrganization.name },
            { key: 'deadline', header: t('round.deadline'), render: (r) => r.departmentDeadline },
            {
              key: 'status',
              header: t('submission.status'),
              render: (r) => {
                const s = byRound.get(r.id);
                const open = s?.status === 'RETURNED' ? openReturns.get(r.id) : undefined;
                return (
                  <>
                    <StatusBadge status={s?.status} />
                    {open && (
                      <span
                        className="bureau-return-reason"
                        title={open.reason}
                        data-testid="bureau-return-reason"
                      >
                        {t(
                          open.kind === 'REOPEN'
                            ? 'bureau.reopenedReason'
                            : 'bureau.returnedReason',
                          {
                            reason: open.reason,
                            who: open.reviewerName ?? t('review.thread.someReviewer'),
                            time: formatShanghaiMinute(open.createdAt),
                          },
                        )}
                      </span>
                    )}
                  </>
                );
              },
            },
            {
              key: 'findings',
              header: t('versions.findings'),
              render: (r) => {
                const v = byRound.get(r.id)?.currentVersion;
                return v
                  ? t('bureau.findingCounts', { errors: v.errorCount, warnings: v.warningCount })
                  : '—';
              },
            },
            {
              key: 'action',
              header: <span className="visually-hidden">{t('common.actions')}</span>,
              render: (r) => {
                const existing = byRound.get(r.id);
                if (existing) {
                  return (
                    <Button
                      size="sm"
                      variant="primary"
                      onClick={() => navigate(`/submissions/${existing.id}`)}
                    >
                      {existing.status === 'DRAFT' || existing.status === 'RETURNED'
                        ? t('bureau.continue')
                        : t('bureau.view')}
                    </Button>
                  );
                }
                if (r.status !== 'OPEN')
                  return <span className="muted">{t(`roundStatus.${r.status}`)}</span>;
                return (
                  <Button
                    size="sm"
                    variant="primary"
                    busy={starting}
                    onClick={async () => {
                      const s = await start(r.id);
                      if (s) navigate(`/submissions/${s.id}`);
                    }}
                  >
                    {t('bureau.start')}
                  </Button>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
