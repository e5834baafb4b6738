import './staffing.css';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { useDownload } from '../../../app/useDownload';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { EChart } from '../../../ui/charts/EChart';
import { Table } from '../../../ui/Table';
import { useToast } from '../../../ui/Toast';
import { useStaffingPanel } from '../hooks/useStaffingPanel';
import { longestVacanciesOption } from '../utils/longest-vacancies.option';
import { vacanciesByPostOption } from '../utils/vacancies-by-post.option';

type Props = { roundId: string; nodeId: string; canIncludeNames: boolean };

/** A region's staffing: share with every required post filled, vacancies by post, longest. */
export function StaffingPanel({ roundId, nodeId, canIncludeNames }: Props) {
  const { t, locale, formatNumber, errorText } = useI18n();
  const en = locale === 'en';
  const { panel, loading, error } = useStaffingPanel(roundId, nodeId);
  const toast = useToast();
  const { download, progress } = useDownload();
  // A POST: the server records every staffing export (with or without names) in the export log.
  const exportCsv = async (includeNames: boolean) => {
    try {
      await download('/api/staffing/export.csv', 'staffing.csv', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roundId, nodeId, includeNames }),
      });
    } catch (e) {
      toast.show(t('staffingPanel.exportFailed', { message: errorText(e) }), 'error');
    }
  };
  const byPost = useMemo(
    () =>
      vacanciesByPostOption(
        (panel?.vacanciesByPost ?? []).map((p) => ({
          postKey: p.postKey,
          label: en ? p.labelEn : p.labelZh,
          required: p.required,
          vacant: p.vacant,
        })),
        { filled: t('staffingPanel.filled'), vacant: t('staffingPanel.vacant') },
      ),
    [panel, en, t],
  );
  const longest = useMemo(
    () =>
      longestVacanciesOption(
        (panel?.longestVacancies ?? []).map((v) => ({
          organizationId: v.organizationId,
          organizationName: v.organizationName,
          postLabel: en ? v.labelEn : v.labelZh,
          daysVacant: v.daysVacant ?? null,
        })),
        { days: t('staffingPanel.days') },
      ),
    [panel, en, t],
  );
  if (loading) return <p>{t('common.loading')}</p>;
  if (error) return <p role="alert">{errorText(error)}</p>;
  if (!panel) return null;
  return (
    <div className="page-grid" data-testid="staffing-panel">
      <Card
        title={t('staffingPanel.summary')}
        actions={
          <span className="toolbar">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => void exportCsv(false)}
              disabled={!!progress}
              data-testid="staffing-export"
            >
              {t('staffingPanel.export')}
            </Button>
            {canIncludeNames && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => void exportCsv(true)}
                disabled={!!progress}
                data-testid="staffing-export-names"
              >
                {t('staffingPanel.exportNames')}
              </Button>
            )}
          </span>
        }
      >
        <dl className="kpis" data-testid="staffing-kpis">
          <div>
            <dt>{t('staffingPanel.allFilledShare')}</dt>
            <dd data-testid="all-filled-share">
              {formatNumber(panel.allFilledShare, { style: 'percent', maximumFractionDigits: 1 })}
            </dd>
          </div>
          <div>
            <dt>{t('staffingPanel.withRoster')}</dt>
            <dd>
              {panel.withRoster} / {panel.expected}
            </dd>
          </div>
          <div>
            <dt>{t('staffingPanel.notUpdated')}</dt>
            <dd>{panel.notUpdated}</dd>
          </div>
          <div>
            <dt>{t('staffingPanel.noFullTime')}</dt>
            <dd>{panel.noFullTime}</dd>
          </div>
        </dl>
      </Card>
      <Card title={t('staffingPanel.byPost')}>
        <EChart
          option={byPost}
          ariaLabel={t('staffingPanel.byPost')}
          height={260}
          testId="chart-vacancies-by-post"
        />
      </Card>
      <Card title={t('staffingPanel.longest')}>
        <EChart
          option={longest}
          ariaLabel={t('staffingPanel.longest')}
          height={320}
          testId="chart-longest-vacancies"
        />
        <Table
          caption={t('staffingPanel.longest')}
          hideCaption
          testId="longest-vacancies"
          rows={panel.longestVacancies}
          rowKey={(v) => `${v.organizationId}-${v.postKey}`}
          columns={[
            {
              key: 'org',
              header: t('staffingPanel.organization'),
              render: (v) => (
                <Link to={`/organizations/${v.organizationId}?round=${roundId}`}>
                  {v.organizationName}
                </Link>
              ),
            },
            { key: 'post', header: t('roster.post'), render: (v) => (en ? v.labelEn : v.labelZh) },
            { key: 'since', header: t('staffingPanel.since'), render: (v) => v.vacantSince ?? '—' },
            {
              key: 'days',
              header: t('staffingPanel.days'),
              align: 'right',
              render: (v) => (v.daysVacant == null ? '—' : formatNumber(v.daysVacant)),
            },
          ]}
        />
      </Card>
    </div>
  );
}
