import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSignInThrottles1796589644548 implements MigrationInterface {
  name = 'CreateSignInThrottles1796589644548';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "sign_in_throttles" ("kind" character varying(30) NOT NULL, "scope" character varying(10) NOT NULL, "key" character varying(200) NOT NULL, "failures" integer NOT NULL, "last_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ef90ca01a9ccdf5ec23052f72af" PRIMARY KEY ("kind", "scope", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_sign_in_throttles_last_attempt_at" ON "sign_in_throttles" ("last_attempt_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_sign_in_throttles_last_attempt_at"');
    await queryRunner.query('DROP TABLE "sign_in_throttles"');
  }
}
