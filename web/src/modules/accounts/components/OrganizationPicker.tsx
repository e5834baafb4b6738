import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Field } from '../../../ui/Field';
import { useOrganizationOptions } from '../hooks/useOrganizationOptions';

export type PickedOrganization = { id: string; name: string };

type Props = {
  label: string;
  value: PickedOrganization | null;
  onChange: (value: PickedOrganization | null) => void;
  /** Offer "all organizations" (a filter) instead of requiring a choice. */
  allowAll?: boolean;
  hint?: string;
  testId?: string;
};

/** A searchable select over organizations: type part of a name, pick from the matches. */
export function OrganizationPicker({ label, value, onChange, allowAll, hint, testId }: Props) {
  const { t, formatNumber } = useI18n();
  const [search, setSearch] = useState('');
  const { options, totalCount } = useOrganizationOptions(search);
  const listed = value && !options.some((o) => o.id === value.id) ? [value, ...options] : options;
  return (
    <div className="org-picker" data-testid={testId}>
      <Field label={label} hint={hint}>
        {(p) => (
          <select
            {...p}
            value={value?.id ?? ''}
            onChange={(e) => {
              const picked = listed.find((o) => o.id === e.target.value);
              onChange(picked ? { id: picked.id, name: picked.name } : null);
            }}
          >
            <option value="">
              {allowAll ? t('accounts.allOrganizations') : t('accounts.choose')}
            </option>
            {listed.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <input
        type="search"
        className="org-picker-search"
        aria-label={t('accounts.organizationSearch', { label })}
        placeholder={t('accounts.organizationSearchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {totalCount > options.length && (
        <span className="muted small">
          {t('accounts.organizationMore', {
            shown: formatNumber(options.length),
            total: formatNumber(totalCount),
          })}
        </span>
      )}
    </div>
  );
}
