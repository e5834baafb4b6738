import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overview reads a region's roster from two indexes alone: the path index carries what the
 * roster needs of a body (`id`, `level`, `reports`, active years), and the organization index of
 * submissions what the figures need of a submission (`round_id`, `status`, `first_submitted_at`,
 * `submitted_version_id`). Same names and key columns as before, so every other reader keeps its
 * plans. Completeness reads a version's counts from a narrow index beside the primary key
 * (versions are append-only and wide; their rows are not visited).
 */
export class CoverOverviewIndexes1796700000000 implements MigrationInterface {
  name = 'CoverOverviewIndexes1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_organizations_path"');
    await queryRunner.query(
      'CREATE INDEX "ix_organizations_path" ON "organizations" ("path") INCLUDE ("id", "level", "reports", "active_from_year", "active_to_year")',
    );
    await queryRunner.query('DROP INDEX "public"."ix_submissions_organization_id"');
    await queryRunner.query(
      'CREATE INDEX "ix_submissions_organization_id" ON "submissions" ("organization_id") INCLUDE ("round_id", "status", "first_submitted_at", "submitted_version_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_submission_versions_counts" ON "submission_versions" ("id") INCLUDE ("gap_count", "error_count")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_submission_versions_counts"');
    await queryRunner.query('DROP INDEX "public"."ix_submissions_organization_id"');
    await queryRunner.query(
      'CREATE INDEX "ix_submissions_organization_id" ON "submissions" ("organization_id") ',
    );
    await queryRunner.query('DROP INDEX "public"."ix_organizations_path"');
    await queryRunner.query('CREATE INDEX "ix_organizations_path" ON "organizations" ("path")');
  }
}
