/**
 * The read views this module publishes for other modules' SQL (created by the migration
 * `PublishReadViews`): another module's SQL names these, never this module's tables (`pnpm lint`
 * refuses it, see server/src/modules/README.md). Each view maps to the table it projects.
 */
export const STAFFING_READ_VIEWS = {
  /** the terms of each post's holders, without their names: `post_assignments` */
  post_assignment_terms: 'post_assignments',
  /** declared vacancies: `post_vacancies` */
  post_vacancy_terms: 'post_vacancies',
} as const;
