// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. Entities leave the module as types only (relations name them by string).
export { OrganizationsModule } from './organizations.module';
export { OrganizationsService } from './organizations.service';
export { Organization } from './organization.model';
export { organizationLookups, type OrganizationRow } from './organization-lookups';
export { GOVERNMENT_LEVELS, OrganizationLevel, isActiveIn } from './organization.entity';
export type { OrganizationEntity } from './organization.entity';
export {
  checkNewOrganization,
  insertCheckedOrganization,
  insertCheckedOrganizations,
  type OrganizationToCreate,
  type OrganizationToCreateInList,
} from './organization-create';
export { ORGANIZATION_READ_VIEWS } from './read-views';
export { insertOrganizationTree, type OrganizationToInsert } from './organization-tree.import';
