import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `version_peer_keys`: what `originality.peer` compares of each version (its year-mixed LSH band
 * keys and MinHash signature), so a save finds its candidate peers with one GIN-indexed `&&`
 * instead of every server process holding each round's reports in memory. Generated, then the GIN
 * index added by hand (an entity cannot declare its method). The versions stored before are
 * filled by the job `peer-keys-backfill` (the keys need the fingerprint code, not SQL).
 */
export class KeepVersionPeerKeys1796906400000 implements MigrationInterface {
  name = 'KeepVersionPeerKeys1796906400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "version_peer_keys" ("version_id" uuid NOT NULL, "submission_id" uuid NOT NULL, "band_keys" integer array NOT NULL, "signature" bytea, CONSTRAINT "PK_9adf5a1daf2ceb860f2cb6583ae" PRIMARY KEY ("version_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "version_peer_keys" ADD CONSTRAINT "fk_version_peer_keys_version" FOREIGN KEY ("version_id") REFERENCES "submission_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Reviewed addition: the candidates' index.
    await queryRunner.query(
      'CREATE INDEX "ix_version_peer_keys_band_keys" ON "version_peer_keys" USING gin ("band_keys")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_version_peer_keys_band_keys"');
    await queryRunner.query(
      'ALTER TABLE "version_peer_keys" DROP CONSTRAINT "fk_version_peer_keys_version"',
    );
    await queryRunner.query('DROP TABLE "version_peer_keys"');
  }
}
