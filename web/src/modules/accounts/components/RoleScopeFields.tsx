import { useI18n } from '../../../app/i18n';
import type { Role } from '../../../generated/graphql';
import { Field } from '../../../ui/Field';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';

export const ROLES: readonly Role[] = ['BUREAU', 'REVIEWER', 'SUPERVISOR', 'ADMIN'];

type Props = {
  role: Role;
  onRole: (role: Role) => void;
  organization: PickedOrganization | null;
  onOrganization: (organization: PickedOrganization | null) => void;
};

/** What an account may do and over which part of the tree: the fields of creating and editing. */
export function RoleScopeFields({ role, onRole, organization, onOrganization }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('accounts.role')}>
        {(p) => (
          <select {...p} value={role} onChange={(e) => onRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <OrganizationPicker
        label={t('accounts.organization')}
        value={organization}
        onChange={onOrganization}
        hint={t('accounts.organizationHint')}
      />
    </>
  );
}
