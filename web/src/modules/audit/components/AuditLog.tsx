import './audit.css';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useUrlParams, useUrlSearch } from '../../../app/useUrlParams';
import { Card } from '../../../ui/Card';
import { Field } from '../../../ui/Field';
import { LoadMore } from '../../../ui/LoadMore';
import { type PickerOption, SearchPicker } from '../../../ui/SearchPicker';
import { Table } from '../../../ui/Table';
import { useViewer } from '../../auth/hooks/useViewer';
import { useOrganizationChoices } from '../../organizations/hooks/useOrganizationChoices';
import { type AuditItem, useAuditLog } from '../hooks/useAuditLog';
import { AUDIT_KINDS } from '../utils/audit-sentence';
import { AuditSentenceText } from './AuditSentenceText';

/** Every recorded change the viewer may read, as sentences: kind, body and text filters. */
export function AuditLog() {
  const { t, formatDate, formatNumber, errorText } = useI18n();
  const { viewer } = useViewer();
  const { params, setParam } = useUrlParams();
  const kind = params.get('kind') ?? '';
  const { search, settled, onSearch } = useUrlSearch();
  const [organization, setOrganization] = useState<PickerOption | null>(null);
  const [query, setQuery] = useState('');
  const choices = useOrganizationChoices(
    query,
    { withinId: viewer?.user.role === 'ADMIN' ? null : viewer?.user.organizationId },
    !!organization || !viewer,
  );
  const { events, totalCount, hasMore, loading, error, loadMore } = useAuditLog({
    action: kind,
    withinId: organization?.id,
    search: settled,
  });
  return (
    <Card title={t('auditLog.title')} headingLevel={1}>
      <p className="muted">{t('auditLog.intro')}</p>
      <div className="audit-filters">
        <Field label={t('auditLog.kind')}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(e) => setParam('kind', e.target.value || null)}
            >
              <option value="">{t('auditLog.kind.all')}</option>
              {AUDIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`auditLog.kind.${k}` as 'auditLog.kind.round')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('auditLog.organization')}>
          {(control) => (
            <SearchPicker
              control={control}
              chosen={organization}
              query={query}
              onQuery={setQuery}
              options={query.trim() ? choices.options : []}
              total={query.trim() ? choices.total : 0}
              loading={choices.loading}
              onChoose={setOrganization}
              placeholder={t('rounds.searchPlaceholder')}
              texts={{
                noMatch: query.trim() ? t('picker.noMatch') : '',
                more: (count) => t('picker.more', { count }),
                clear: t('picker.clear'),
                chosen: t('picker.chosen', { name: organization?.label ?? '' }),
              }}
            />
          )}
        </Field>
        <Field label={t('auditLog.search')}>
          {(control) => (
            <input
              {...control}
              type="search"
              value={search}
              placeholder={t('auditLog.searchPlaceholder')}
              onChange={(e) => onSearch(e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="muted" role="status">
        {t('auditLog.count', { count: formatNumber(totalCount) })}
      </p>
      {error && <p role="alert">{errorText(error)}</p>}
      <Table<AuditItem>
        caption={t('auditLog.title')}
        hideCaption
        rows={events}
        rowKey={(e) => e.id}
        testId="audit-log"
        empty={loading ? t('common.loading') : t('auditLog.empty')}
        columns={[
          {
            key: 'time',
            header: t('auditLog.time'),
            width: 180,
            render: (e) => (
              <time dateTime={e.createdAt}>
                {formatDate(e.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            ),
          },
          {
            key: 'event',
            header: t('auditLog.event'),
            render: (e) => <AuditSentenceText event={e} />,
          },
        ]}
      />
      <LoadMore
        hasMore={hasMore}
        loading={loading}
        onLoadMore={loadMore}
        label={t('auditLog.loadMore')}
      />
    </Card>
  );
}
