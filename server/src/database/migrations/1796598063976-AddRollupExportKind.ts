import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRollupExportKind1796598063976 implements MigrationInterface {
  name = 'AddRollupExportKind1796598063976';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TYPE \"public\".\"export_kind\" RENAME TO \"export_kind_old\"");
    await queryRunner.query("CREATE TYPE \"public\".\"export_kind\" AS ENUM('RANKING_XLSX', 'RANKING_CSV', 'REPORT_XLSX', 'STAFFING_CSV', 'ROLLUP_XLSX')");
    await queryRunner.query("ALTER TABLE \"export_logs\" ALTER COLUMN \"kind\" TYPE \"public\".\"export_kind\" USING \"kind\"::\"text\"::\"public\".\"export_kind\"");
    await queryRunner.query("DROP TYPE \"public\".\"export_kind_old\"");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"export_kind_old\" AS ENUM('RANKING_XLSX', 'RANKING_CSV', 'REPORT_XLSX', 'STAFFING_CSV')");
    await queryRunner.query("ALTER TABLE \"export_logs\" ALTER COLUMN \"kind\" TYPE \"public\".\"export_kind_old\" USING \"kind\"::\"text\"::\"public\".\"export_kind_old\"");
    await queryRunner.query("DROP TYPE \"public\".\"export_kind\"");
    await queryRunner.query("ALTER TYPE \"public\".\"export_kind_old\" RENAME TO \"export_kind\"");
  }
}
