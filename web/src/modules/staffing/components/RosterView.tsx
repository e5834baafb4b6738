import './staffing.css';
import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { type Column, Table } from '../../../ui/Table';
import type { Roster, RosterHolder, RosterPost } from '../hooks/useStaffingRoster';
import { StaffingFlags } from './StaffingFlags';

type Props = {
  roster: Roster;
  /** Extra cell per post (the bureau's edit controls). */
  postActions?: (post: RosterPost) => ReactNode;
  holderActions?: (holder: RosterHolder, post: RosterPost) => ReactNode;
};

/** The roster as it stood for the round: posts with holders or vacancy, staff, flags. */
export function RosterView({ roster, postActions, holderActions }: Props) {
  const { t, locale, formatDate } = useI18n();
  const en = locale === 'en';
  const yesNo = (v: boolean | null | undefined) =>
    v == null ? t('roster.notRecorded') : v ? t('common.yes') : t('common.no');
  return (
    <div className="roster" data-testid="roster">
      <p className="muted" data-testid="roster-asof">
        {t('roster.asOf', { date: roster.asOfDate, year: roster.year })}
        {' · '}
        {roster.lastUpdatedAt
          ? t('roster.lastUpdated', { date: formatDate(roster.lastUpdatedAt) })
          : t('roster.neverUpdated')}
      </p>
      {!roster.present && <p role="status">{t('roster.absent')}</p>}
      <Table<RosterPost>
        caption={t('roster.posts')}
        hideCaption
        testId="roster-posts"
        rows={roster.posts}
        rowKey={(p) => p.postKey}
        rowClassName={(p) => (p.vacant ? 'row-vacant' : undefined)}
        columns={[
          {
            key: 'post',
            header: t('roster.post'),
            render: (p) => (
              <>
                {en ? p.labelEn : p.labelZh}
                {p.fullTimeRequired && (
                  <span className="muted"> · {t('roster.fullTimeRequired')}</span>
                )}
                {p.minCount > 1 && <span className="muted"> · ≥{p.minCount}</span>}
              </>
            ),
          },
          {
            key: 'holders',
            header: t('roster.holders'),
            render: (p) =>
              p.holders.length === 0 ? (
                '—'
              ) : (
                <ul className="plain">
                  {p.holders.map((h) => (
                    <li key={h.id} data-testid={`holder-${p.postKey}`}>
                      {h.holderName || t('roster.unnamed')}{' '}
                      <span className="muted">
                        {h.fullTime ? t('roster.fullTime') : t('roster.partTime')} ·{' '}
                        {t('roster.since', { date: h.fromDate })}
                        {h.untilDate && ` – ${h.untilDate}`}
                        {h.source === 'REPORT' &&
                          ` · ${t('roster.fromReport', { line: h.sourceLine ?? '?' })}`}
                      </span>{' '}
                      {holderActions?.(h, p)}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: 'status',
            header: t('roster.status'),
            render: (p) =>
              p.vacant ? (
                <Badge tone="error">
                  {p.vacantSince
                    ? t('roster.vacantSince', { date: p.vacantSince, days: p.daysVacant ?? 0 })
                    : t('roster.vacant')}
                </Badge>
              ) : p.fullTimeRequired && p.fullTimeHolders === 0 ? (
                <Badge tone="warn">{t('roster.noFullTime')}</Badge>
              ) : (
                <Badge tone="ok">{t('roster.filled')}</Badge>
              ),
          },
          ...(postActions
            ? [
                {
                  key: 'actions',
                  header: t('roster.actions'),
                  render: postActions,
                } as Column<RosterPost>,
              ]
            : []),
        ]}
      />
      <dl className="facts" data-testid="roster-facts">
        <dt>{t('roster.fullTimeStaff')}</dt>
        <dd>{roster.fullTimeStaff}</dd>
        <dt>{t('roster.partTimeStaff')}</dt>
        <dd>{roster.partTimeStaff}</dd>
        <dt>{t('staffing.leadingGroup')}</dt>
        <dd>{yesNo(roster.leadingGroup)}</dd>
        <dt>{t('roster.trainingsInYear', { year: roster.year })}</dt>
        <dd>{roster.trainingsInYear}</dd>
        {roster.reportStaffing && (
          <>
            <dt>{t('roster.reportSays')}</dt>
            <dd>
              {t('roster.reportStaff', {
                dedicated: roster.reportStaffing.dedicatedStaff ?? '—',
                partTime: roster.reportStaffing.partTimeStaff ?? '—',
              })}
            </dd>
          </>
        )}
      </dl>
      <h3>{t('roster.flags')}</h3>
      <StaffingFlags flags={roster.flags} />
    </div>
  );
}
