import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each organization's current `InputRef` of a round, without its roster, kept ahead of a freeze
 * (`input-refs.store.ts`): `round_input_refs` names the change counters the set was computed
 * under (`stamps`, the text `CurrentInputsReader.counters` reads: the round's, its roster's, the
 * hierarchy's and last year's round's `scoring_stamps`, and the Asia/Shanghai day), and
 * `round_input_ref_rows` holds one row per organization expected in the round: its canonical
 * reference as jsonb, its digest, the version scored, whether it may have a roster, and the
 * fields of a frozen row read from the same joins. A freeze whose counters are the set's reads
 * these instead of building them again. `ranking_result_points` holds each member's points of a
 * stored result (`pointsOfStored` on its measurements, computed once per result in the
 * background), complete when the result's `points_count` is set; a freeze of that result writes
 * them instead of computing them. UNLOGGED: caches of what is computed from other tables,
 * emptied after a crash. The paths are "C"-collated, as the organizations'.
 */
export class KeepFreezeInputs1796905200000 implements MigrationInterface {
  name = 'KeepFreezeInputs1796905200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "round_input_refs" (
      "round_id" uuid NOT NULL,
      "stamps" text NOT NULL,
      "member_count" integer NOT NULL,
      "computed_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_round_input_refs" PRIMARY KEY ("round_id"),
      CONSTRAINT "fk_round_input_refs_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNLOGGED TABLE "round_input_ref_rows" (
      "round_id" uuid NOT NULL,
      "organization_id" uuid NOT NULL,
      "path" text COLLATE "C" NOT NULL,
      "peer_group" text NOT NULL,
      "version_id" uuid,
      "rostered" boolean NOT NULL,
      "input_digest" text NOT NULL,
      "input" jsonb NOT NULL,
      "organization_name" text NOT NULL,
      "region_name" text,
      "department_type" text,
      "status" text,
      "first_submitted_at" text,
      CONSTRAINT "pk_round_input_ref_rows" PRIMARY KEY ("round_id", "organization_id"),
      CONSTRAINT "fk_round_input_ref_rows_set" FOREIGN KEY ("round_id") REFERENCES "round_input_refs"("round_id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNLOGGED TABLE "ranking_result_points" (
      "result_id" uuid NOT NULL,
      "organization_id" uuid NOT NULL,
      "points" jsonb NOT NULL,
      CONSTRAINT "pk_ranking_result_points" PRIMARY KEY ("result_id", "organization_id"),
      CONSTRAINT "fk_ranking_result_points_result" FOREIGN KEY ("result_id") REFERENCES "ranking_results"("id") ON DELETE CASCADE)`);
    await queryRunner.query('ALTER TABLE "ranking_results" ADD "points_count" integer');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "ranking_results" DROP COLUMN "points_count"');
    await queryRunner.query('DROP TABLE "ranking_result_points"');
    await queryRunner.query('DROP TABLE "round_input_ref_rows"');
    await queryRunner.query('DROP TABLE "round_input_refs"');
  }
}
