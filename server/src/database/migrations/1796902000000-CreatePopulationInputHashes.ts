import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash of a population's current scoring inputs (`CurrentInputsReader.hash`), kept per
 * round × region path × peer group ('' for all) with the change counters it was computed under
 * (`stamps`: the round's, its roster's, the hierarchy's and last year's round's
 * `scoring_stamps`, and the Asia/Shanghai day). A staleness check whose counters are the stored
 * ones is one lookup; any other recomputes and replaces the row. UNLOGGED: a cache of what
 * PostgreSQL computes from other tables, emptied after a crash.
 */
export class CreatePopulationInputHashes1796902000000 implements MigrationInterface {
  name = 'CreatePopulationInputHashes1796902000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "population_input_hashes" (
      "round_id" uuid NOT NULL,
      "region_path" text COLLATE "C" NOT NULL,
      "peer_group" text NOT NULL,
      "stamps" text NOT NULL,
      "inputs_hash" text NOT NULL,
      "member_count" integer NOT NULL,
      "computed_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_population_input_hashes" PRIMARY KEY ("round_id", "region_path", "peer_group"),
      CONSTRAINT "fk_population_input_hashes_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "population_input_hashes"');
  }
}
