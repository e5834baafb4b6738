import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { EChart } from '../../../ui/charts/EChart';
import { Card } from '../../../ui/Card';
import { useSystemStatus } from '../hooks/useSystemStatus';
import { tableSizesOption } from '../utils/table-sizes.option';

/** `headingLevel` 1 when the card is the page. */
export function SystemStatusCard({ headingLevel }: { headingLevel?: 1 | 2 } = {}) {
  const { t, errorText } = useI18n();
  const { status, loading, error } = useSystemStatus();
  const option = useMemo(
    () => tableSizesOption(status?.tables ?? [], t('system.rows')),
    [status, t],
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
            height={240}
            testId="chart-system-tables"
          />
        </>
      )}
    </Card>
  );
}
