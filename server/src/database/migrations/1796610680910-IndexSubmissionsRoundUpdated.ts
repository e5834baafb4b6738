import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The submissions of a round changed since an instant (peer corpus of every server process). */
export class IndexSubmissionsRoundUpdated1796610680910 implements MigrationInterface {
  name = 'IndexSubmissionsRoundUpdated1796610680910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "ix_submissions_round_updated" ON "submissions" ("round_id", "updated_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_submissions_round_updated"');
  }
}
