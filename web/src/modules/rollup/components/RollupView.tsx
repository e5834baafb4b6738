import { check, getTemplate, tableLabel, type TemplateId } from '@gongkai/report-model';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { useDownload } from '../../../app/useDownload';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { useDebounced } from '../../../ui/useDebounced';
import { useToast } from '../../../ui/Toast';
import { RoundPicker } from '../../rounds/components/RoundPicker';
import { useRoundParam } from '../../rounds/hooks/useRoundParam';
import { FindingsPanel } from '../../submission-form/components/FindingsPanel';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { StatusBadge } from '../../submissions/components/StatusBadge';
import { useRollup } from '../hooks/useRollup';
import { memberSummary } from '../utils/member-summary';
import { rollupDifferences } from '../utils/rollup-differences';
import { RollupTable } from './RollupTable';
import './rollup.css';

const GROUPS = ['tables', 'completeness'] as const;

/**
 * A government's report assembled from its departments in a round: the sums in the template's
 * tables beside its own report (differing cells marked with both values), the bodies missing from
 * the sum with their status, the sum checked by the same rules in the browser, and the export.
 */
export function RollupView({ nodeId }: { nodeId: string }) {
  const { t, locale, errorText } = useI18n();
  const lang = localeLang(locale);
  const toast = useToast();
  const { roundId } = useRoundParam();
  const { rollup, report, ownReport, loading, error } = useRollup(roundId, nodeId);
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 250);
  const [includedToo, setIncludedToo] = useState(false);
  const { download, progress } = useDownload();
  const differences = useMemo(
    () => (report ? rollupDifferences(report, ownReport) : new Map()),
    [report, ownReport],
  );
  const findings = useMemo(
    () => (report ? check(report, { groups: GROUPS }).findings : []),
    [report],
  );
  const ownCounts = useMemo(
    () => (ownReport ? check(ownReport, { groups: GROUPS }).summary.counts : null),
    [ownReport],
  );
  const members = useMemo(
    () => memberSummary(rollup?.members ?? [], { search: debounced, includedToo }),
    [rollup, debounced, includedToo],
  );
  if (loading || !roundId) return <p>{t('common.loading')}</p>;
  if (error || !rollup || !report)
    return <p role="alert">{error ? errorText(error) : t('error.code.NOT_FOUND')}</p>;
  const template = getTemplate(report.template as TemplateId);
  const own = rollup.own;
  const exportXlsx = async () => {
    try {
      await download('/api/exports/rollup.xlsx', 'rollup.xlsx', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roundId, nodeId }),
      });
    } catch (e) {
      toast.show(t('rollup.exportFailed', { message: errorText(e) }), 'error');
    }
  };
  return (
    <div className="page rollup-page">
      <header className="page-header">
        <h1>{t('rollup.title', { name: rollup.nodeName, year: rollup.year })}</h1>
        <p className="muted" data-testid="rollup-counts">
          {t('rollup.included', { included: rollup.includedCount, expected: rollup.expectedCount })}
          {' · '}
          {own
            ? t(own.submitted ? 'rollup.ownSubmitted' : 'rollup.ownDraft', {
                version: own.versionNumber ?? '—',
              })
            : t('rollup.noOwn')}
        </p>
      </header>
      <div className="toolbar">
        <RoundPicker />
        <Button onClick={() => void exportXlsx()} disabled={!!progress} data-testid="rollup-export">
          {t('rollup.export')}
        </Button>
        {own && <Link to={`/review/${own.submissionId}`}>{t('rollup.openOwn')}</Link>}
        <Link to={`/organizations/${rollup.nodeId}`}>{t('rollup.openOrganization')}</Link>
      </div>
      <div className="rollup-layout">
        <Card title={t('rollup.sums')}>
          <p className="rollup-legend" data-testid="rollup-legend">
            {own
              ? differences.size > 0
                ? t('rollup.legendDiffers', { count: differences.size })
                : t('rollup.legendSame')
              : t('rollup.legendNoOwn')}
          </p>
          {template.tables.map((table) => (
            <section key={table.id} className="rollup-table">
              <h3>{t('rollup.tableHeading', { name: tableLabel(table.id, lang) })}</h3>
              <RollupTable
                report={report}
                table={table}
                differences={differences}
                compared={!!own}
              />
            </section>
          ))}
        </Card>
        <div className="rollup-side">
          <Card title={t('rollup.missingTitle', { count: members.missing })}>
            {members.missingByState.length > 0 && (
              <p className="muted" data-testid="rollup-missing-by-state">
                {members.missingByState
                  .map(([state, n]) =>
                    t('rollup.stateCount', { state: t(`status.${state}`), count: n }),
                  )
                  .join('，')}
              </p>
            )}
            <div className="toolbar">
              <input
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder={t('rollup.searchBodies')}
                aria-label={t('rollup.searchBodies')}
              />
              <label className="inline-field">
                <input
                  type="checkbox"
                  checked={includedToo}
                  onChange={(e) => setIncludedToo(e.target.checked)}
                />
                {t('rollup.showIncluded')}
              </label>
            </div>
            {members.shown.length === 0 ? (
              <p className="muted">
                {members.missing === 0 && !debounced
                  ? t('rollup.noneMissing')
                  : t('rollup.noMatch')}
              </p>
            ) : (
              <ul className="rollup-members" data-testid="rollup-members">
                {members.shown.map((m) => (
                  <li key={m.organizationId} className={m.included ? 'included' : 'missing'}>
                    {m.submissionId ? (
                      <Link to={`/review/${m.submissionId}`}>{m.organizationName}</Link>
                    ) : (
                      <Link to={`/organizations/${m.organizationId}`}>{m.organizationName}</Link>
                    )}{' '}
                    <StatusBadge status={m.status} />
                    {m.included && <span className="muted"> {t('rollup.inSum')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t('rollup.checkTitle')}>
            <p className="muted" data-testid="rollup-own-counts">
              {ownCounts
                ? t('rollup.ownFindings', { errors: ownCounts.error, warnings: ownCounts.warning })
                : t('rollup.noOwn')}
            </p>
            <FindingsPanel
              findings={findings}
              timing={null}
              stale={false}
              justifications={{}}
              note={t('rollup.checkNote')}
            />
          </Card>
        </div>
      </div>
    </div>
  );
}
