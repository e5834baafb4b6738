import type { Staffing } from '@gongkai/report-model';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Card } from '../../../ui/Card';
import { EChart } from '../../../ui/charts/EChart';
import { Table } from '../../../ui/Table';
import { fieldLabel } from '../../submission-form/utils/field-label';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { AuditTrail } from '../../submissions/components/AuditTrail';
import { StatusBadge } from '../../submissions/components/StatusBadge';
import { VersionHistory } from '../../submissions/components/VersionHistory';
import { useSubmission } from '../../submissions/hooks/useSubmission';
import { OrganizationRoster } from '../../staffing/components/OrganizationRoster';
import { useViewer } from '../../auth/hooks/useViewer';
import { useOrganization } from '../hooks/useOrganization';
import { historyOption } from '../utils/history.option';

function LatestSubmission({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const lang = localeLang(locale);
  const { submission } = useSubmission(id);
  if (!submission) return <p>{t('common.loading')}</p>;
  const version = submission.currentVersion;
  const staffing = (version?.report as { staffing?: Staffing } | null)?.staffing;
  return (
    <>
      <Card title={t('org.findings', { year: submission.round.year })}>
        <p>
          <StatusBadge status={submission.status} /> ·{' '}
          {t('submission.deadline', { date: submission.timeliness.deadline })}{' '}
          {submission.timeliness.onTime === false && <Badge tone="error">{t('flag.late')}</Badge>}{' '}
          <Link to={`/review/${submission.id}`}>{t('org.openReport')}</Link>
        </p>
        <ul className="finding-summary" data-testid="org-findings">
          {(version?.findings ?? []).slice(0, 30).map((f) => (
            <li key={f.key} className={`finding sev-${f.severity}`}>
              <Badge
                tone={f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warn' : 'info'}
              >
                {t(`severity.${f.severity as 'error'}`)}
              </Badge>{' '}
              {lang === 'en' ? f.messageEn : f.message}
              {f.cells.length > 0 && f.cells.length <= 4 && (
                <span className="muted">
                  {' '}
                  ({f.cells.map((c) => fieldLabel(c, lang, i18n)).join('、')})
                </span>
              )}
              {f.justification && (
                <p className="justification">
                  {t('form.justification')}：{f.justification}
                </p>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('org.staffing')}>
        <dl className="facts" data-testid="staffing-facts">
          <dt>{t('staffing.leadingGroup')}</dt>
          <dd>
            {staffing?.leadingGroup == null
              ? t('form.notStated')
              : staffing.leadingGroup
                ? t('common.yes')
                : t('common.no')}
          </dd>
          <dt>{t('staffing.dedicatedStaff')}</dt>
          <dd>{staffing?.dedicatedStaff ?? t('form.notStated')}</dd>
          <dt>{t('staffing.partTimeStaff')}</dt>
          <dd>{staffing?.partTimeStaff ?? t('form.notStated')}</dd>
          <dt>{t('staffing.trainings')}</dt>
          <dd>{staffing?.trainings ?? t('form.notStated')}</dd>
        </dl>
      </Card>
      <Card title={t('versions.title')}>
        <VersionHistory versions={submission.versions} />
      </Card>
      <Card title={t('audit.title')}>
        <AuditTrail events={submission.auditEvents} />
      </Card>
    </>
  );
}

/** Status and deadline, history over the years, findings with cells, versions, audit, staffing. */
export function OrganizationOverview({ id }: { id: string }) {
  const { t, errorText } = useI18n();
  const { organization, submissions, loading, error } = useOrganization(id);
  const { can } = useViewer();
  const option = useMemo(
    () =>
      historyOption(
        submissions.flatMap((s) =>
          s.currentVersion
            ? [
                {
                  year: s.round.year,
                  completeness: s.currentVersion.completeness,
                  errors: s.currentVersion.errorCount,
                  warnings: s.currentVersion.warningCount,
                },
              ]
            : [],
        ),
        {
          errors: t('severity.error'),
          warnings: t('severity.warning'),
          completeness: t('versions.completeness'),
        },
      ),
    [submissions, t],
  );
  if (loading) return <p>{t('common.loading')}</p>;
  if (error || !organization)
    return <p role="alert">{error ? errorText(error) : t('error.code.NOT_FOUND')}</p>;
  const latest = submissions[0];
  const government = organization.level !== 'DEPARTMENT';
  return (
    <div className="page">
      <header className="page-header">
        <h1>{organization.name}</h1>
        <p className="muted">
          {[
            organization.parent?.name,
            organization.kind,
            organization.region,
            organization.peerGroup,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {government && can('rollup.read') && (
          <p>
            <Link
              to={`/rollup/${organization.id}${latest ? `?round=${latest.round.id}` : ''}`}
              data-testid="org-rollup"
            >
              {t('rollup.openRollup')}
            </Link>
          </p>
        )}
      </header>
      <div className="page-grid">
        <Card title={t('org.history')}>
          <EChart
            option={option}
            ariaLabel={t('org.history')}
            height={240}
            testId="chart-history"
          />
          <Table
            caption={t('org.submissions')}
            hideCaption
            rows={submissions}
            rowKey={(s) => s.id}
            columns={[
              { key: 'year', header: t('round.year'), render: (s) => s.round.year },
              {
                key: 'status',
                header: t('submission.status'),
                render: (s) => <StatusBadge status={s.status} />,
              },
              {
                key: 'deadline',
                header: t('round.deadline'),
                render: (s) => s.timeliness.deadline,
              },
              {
                key: 'onTime',
                header: t('overview.onTime'),
                render: (s) =>
                  s.timeliness.onTime == null
                    ? '—'
                    : s.timeliness.onTime
                      ? t('common.yes')
                      : t('common.no'),
              },
            ]}
          />
        </Card>
        {latest && <LatestSubmission id={latest.id} />}
        <OrganizationRoster organizationId={organization.id} />
      </div>
    </div>
  );
}
