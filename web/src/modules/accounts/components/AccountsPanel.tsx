import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useUrlParams, useUrlSearch } from '../../../app/useUrlParams';
import type { Role } from '../../../generated/graphql';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Field } from '../../../ui/Field';
import { LoadMore } from '../../../ui/LoadMore';
import { type Column, Table } from '../../../ui/Table';
import { type AccountRow, useAccounts } from '../hooks/useAccounts';
import { EditAccountDialog, ResetPasswordDialog, SetActiveDialog } from './AccountDialogs';
import { BulkAccountsDialog } from './BulkAccountsDialog';
import { CreateAccountDialog } from './CreateAccountDialog';
import { ROLES } from './RoleScopeFields';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';

type Open =
  | { kind: 'create' }
  | { kind: 'bulk' }
  | { kind: 'reset' | 'active' | 'edit'; account: AccountRow }
  | null;

/** The account list with its filters (in the URL), paging and per-row actions. */
export function AccountsPanel() {
  const { t, formatNumber, formatDate, errorText } = useI18n();
  const { params, setParam: set } = useUrlParams();
  const { search, settled, onSearch } = useUrlSearch('q', 250);
  const role = (ROLES as readonly string[]).includes(params.get('role') ?? '')
    ? (params.get('role') as Role)
    : null;
  const activeParam = params.get('active');
  const active = activeParam === 'true' ? true : activeParam === 'false' ? false : null;
  const [scope, setScope] = useState<PickedOrganization | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const list = useAccounts({
    search: settled,
    role,
    active,
    scopeOrganizationId: scope?.id ?? null,
  });

  const columns: Column<AccountRow>[] = [
    {
      key: 'username',
      header: t('accounts.username'),
      render: (a) => (
        <>
          <strong>{a.username}</strong>
          <div className="muted small">{a.displayName}</div>
        </>
      ),
    },
    {
      key: 'organization',
      header: t('accounts.organization'),
      render: (a) => a.organization?.name ?? '',
    },
    { key: 'role', header: t('accounts.role'), render: (a) => t(`role.${a.role}`) },
    {
      key: 'state',
      header: t('accounts.state'),
      render: (a) => (
        <>
          {a.active ? (
            <Badge tone="ok">{t('accounts.active')}</Badge>
          ) : (
            <Badge tone="neutral">{t('accounts.inactive')}</Badge>
          )}{' '}
          {a.mustChangePassword && a.active && (
            <Badge tone="warn">{t('accounts.mustChange')}</Badge>
          )}
        </>
      ),
    },
    {
      key: 'lastSignIn',
      header: t('accounts.lastSignIn'),
      render: (a) =>
        a.lastSignInAt
          ? formatDate(a.lastSignInAt, { dateStyle: 'medium', timeStyle: 'short' })
          : t('accounts.neverSignedIn'),
    },
    {
      key: 'created',
      header: t('accounts.createdAt'),
      render: (a) => formatDate(a.createdAt, { dateStyle: 'medium' }),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (a) => (
        <div className="row-actions">
          <Button size="sm" onClick={() => setOpen({ kind: 'reset', account: a })}>
            {t('accounts.reset')}
          </Button>
          <Button size="sm" onClick={() => setOpen({ kind: 'active', account: a })}>
            {a.active ? t('accounts.deactivate') : t('accounts.reactivate')}
          </Button>
          <Button size="sm" onClick={() => setOpen({ kind: 'edit', account: a })}>
            {t('accounts.edit')}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <header className="page-header accounts-header">
        <div>
          <h1>{t('accounts.title')}</h1>
          <p className="muted">{t('accounts.subtitle')}</p>
        </div>
        <div className="toolbar">
          <Button variant="primary" onClick={() => setOpen({ kind: 'create' })}>
            {t('accounts.create')}
          </Button>
          <Button onClick={() => setOpen({ kind: 'bulk' })}>{t('accounts.bulk')}</Button>
        </div>
      </header>
      <div className="toolbar accounts-filters">
        <Field label={t('accounts.search')}>
          {(p) => (
            <input
              {...p}
              type="search"
              placeholder={t('accounts.searchPlaceholder')}
              value={search}
              onChange={(e) => onSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('accounts.role')}>
          {(p) => (
            <select {...p} value={role ?? ''} onChange={(e) => set('role', e.target.value || null)}>
              <option value="">{t('accounts.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('accounts.state')}>
          {(p) => (
            <select
              {...p}
              value={activeParam ?? ''}
              onChange={(e) => set('active', e.target.value || null)}
            >
              <option value="">{t('accounts.allStates')}</option>
              <option value="true">{t('accounts.active')}</option>
              <option value="false">{t('accounts.inactive')}</option>
            </select>
          )}
        </Field>
        <OrganizationPicker
          label={t('accounts.scope')}
          value={scope}
          onChange={setScope}
          allowAll
        />
      </div>
      <p className="muted" aria-live="polite" data-testid="accounts-count">
        {t('accounts.count', {
          shown: formatNumber(list.rows.length),
          total: formatNumber(list.totalCount),
        })}
      </p>
      {list.error && <p className="field-error">{errorText(list.error)}</p>}
      <Table
        caption={t('accounts.title')}
        hideCaption
        columns={columns}
        rows={list.rows}
        rowKey={(a) => a.id}
        empty={list.loading ? t('common.loading') : t('accounts.empty')}
        rowClassName={(a) => (a.active ? undefined : 'row-inactive')}
        testId="accounts-table"
      />
      <LoadMore
        hasMore={list.hasMore}
        loading={list.loading}
        onLoadMore={list.loadMore}
        label={t('accounts.more')}
      />
      <CreateAccountDialog open={open?.kind === 'create'} onClose={() => setOpen(null)} />
      <BulkAccountsDialog open={open?.kind === 'bulk'} onClose={() => setOpen(null)} />
      {open?.kind === 'reset' && (
        <ResetPasswordDialog account={open.account} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'active' && (
        <SetActiveDialog account={open.account} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'edit' && (
        <EditAccountDialog account={open.account} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
