import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { EChart } from '../../../ui/charts/EChart';
import { Card } from '../../../ui/Card';
import { Table } from '../../../ui/Table';
import { useSystemStatus } from '../hooks/useSystemStatus';
import { tableLabel } from '../utils/table-label';
import { tableSizesOption } from '../utils/table-sizes.option';

/** `headingLevel` 1 when the card is the page. */
export function SystemStatusCard({ headingLevel }: { headingLevel?: 1 | 2 } = {}) {
  const i18n = useI18n();
  const { t, errorText, formatNumber } = i18n;
  const { status, loading, error } = useSystemStatus();
  const option = useMemo(
    () =>
      tableSizesOption(status?.tables ?? [], t('system.rows'), (name) => tableLabel(name, i18n)),
    [status, t, i18n],
  );
  const tables = [...(status?.tables ?? [])].sort(
    (a, b) => b.rows - a.rows || a.name.localeCompare(b.name),
  );
  return (
    <Card title={t('system.title')} headingLevel={headingLevel}>
      {loading && !status && <p>{t('common.loading')}</p>}
      {error && <p role="alert">{errorText(error)}</p>}
      {status && (
        <>
          <dl className="facts">
            <dt>{t('system.database')}</dt>
            <dd>
              {status.databaseUp
                ? t('system.databaseUp', { version: status.databaseVersion ?? '?' })
                : t('system.databaseDown')}
            </dd>
            <dt>{t('system.version')}</dt>
            <dd>
              {status.version} · {t('system.uptime', { seconds: status.uptimeSeconds })}
            </dd>
          </dl>
          <EChart
            option={option}
            ariaLabel={t('system.tablesChart')}
            height={Math.max(240, tables.length * 22 + 48)}
            testId="chart-system-tables"
          />
          <Table
            caption={t('system.tablesCaption')}
            hideCaption
            rows={tables}
            rowKey={(r) => r.name}
            testId="system-tables"
            columns={[
              {
                key: 'name',
                header: t('system.tableName'),
                render: (r) => <span title={r.name}>{tableLabel(r.name, i18n)}</span>,
              },
              { key: 'rows', header: t('system.tableRows'), render: (r) => formatNumber(r.rows) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
