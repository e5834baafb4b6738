import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAccountManagement1796589406567 implements MigrationInterface {
  name = 'AddAccountManagement1796589406567';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "account_handouts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_by_id" uuid NOT NULL, "file_name" character varying(200) NOT NULL, "content" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0598ee1707790869cc3187e4e1f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_account_handouts_expires_at" ON "account_handouts" ("expires_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false',
    );
    await queryRunner.query('ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'ALTER TABLE "users" ADD "password_changed_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "users" ADD "last_sign_in_at" TIMESTAMP WITH TIME ZONE');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "last_sign_in_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "password_changed_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "deactivated_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "must_change_password"');
    await queryRunner.query('DROP INDEX "public"."ix_account_handouts_expires_at"');
    await queryRunner.query('DROP TABLE "account_handouts"');
  }
}
