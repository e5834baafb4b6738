import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewed, hand-written (not expressible on the entities): pgcrypto, for its `digest(…, 'sha1')`,
 * so that a freeze computes its members' input digests (`refDigest`, SHA-1) in the statement that
 * stages their inputs (`scoring/frozen-rows.sql.ts`) instead of reading every member into Node.
 * pgcrypto ships with PostgreSQL's contrib modules and is a trusted extension (the database owner
 * may create it).
 */
export class CreatePgcryptoExtension1796904000000 implements MigrationInterface {
  name = 'CreatePgcryptoExtension1796904000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS "pgcrypto"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS "pgcrypto"');
  }
}
