// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module: others hold an organization as an `OrganizationRow`.
export { OrganizationsModule } from './organizations.module';
export { OrganizationsService } from './organizations.service';
export { Organization } from './organization.model';
export { organizationLookups } from './organization-lookups';
export {
  GOVERNMENT_LEVELS,
  OrganizationLevel,
  isActiveIn,
  type OrganizationRow,
} from './organization.entity';
export {
  checkNewOrganization,
  insertCheckedOrganization,
  insertCheckedOrganizations,
  type OrganizationToCreate,
  type OrganizationToCreateInList,
} from './organization-create';
export { ORGANIZATION_READ_VIEWS } from './read-views';
