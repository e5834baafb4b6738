import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReviewThreads1796598086674 implements MigrationInterface {
  name = 'AddReviewThreads1796598086674';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"submission_return_kind\" AS ENUM('RETURN', 'REOPEN')");
    await queryRunner.query("CREATE TABLE \"submission_returns\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"submission_id\" uuid NOT NULL, \"kind\" \"public\".\"submission_return_kind\" NOT NULL, \"reason\" text NOT NULL, \"returned_version_id\" uuid, \"reviewer_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"reply\" text, \"replied_by_id\" uuid, \"replied_at\" TIMESTAMP WITH TIME ZONE, \"resubmitted_version_id\" uuid, CONSTRAINT \"PK_a9a94eb6fb0e36a52dad8218208\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_submission_returns_submission_created\" ON \"submission_returns\" (\"submission_id\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"review_comments\" ADD \"return_id\" uuid");
    await queryRunner.query("ALTER TABLE \"review_comments\" ADD \"resolved_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"review_comments\" ADD \"resolved_by_id\" uuid");
    await queryRunner.query("CREATE INDEX \"ix_review_comments_return_id\" ON \"review_comments\" (\"return_id\") ");
    await queryRunner.query("ALTER TABLE \"submission_returns\" ADD CONSTRAINT \"fk_submission_returns_submission\" FOREIGN KEY (\"submission_id\") REFERENCES \"submissions\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"submission_returns\" DROP CONSTRAINT \"fk_submission_returns_submission\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_review_comments_return_id\"");
    await queryRunner.query("ALTER TABLE \"review_comments\" DROP COLUMN \"resolved_by_id\"");
    await queryRunner.query("ALTER TABLE \"review_comments\" DROP COLUMN \"resolved_at\"");
    await queryRunner.query("ALTER TABLE \"review_comments\" DROP COLUMN \"return_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_submission_returns_submission_created\"");
    await queryRunner.query("DROP TABLE \"submission_returns\"");
    await queryRunner.query("DROP TYPE \"public\".\"submission_return_kind\"");
  }
}
