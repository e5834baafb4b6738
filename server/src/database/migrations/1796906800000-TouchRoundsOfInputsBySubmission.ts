import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trigger that moves a round's change counter when the stored scoring inputs of its
 * submitted version change finds the submission by its primary key (`version_scoring_inputs`
 * keeps the version's `submission_id`) instead of by `submitted_version_id`, which has no index:
 * every saved draft scanned all submissions (147 ms at 224,315 of them). Hand-written: a
 * function's body is not in any entity.
 */
export class TouchRoundsOfInputsBySubmission1796906800000 implements MigrationInterface {
  name = 'TouchRoundsOfInputsBySubmission1796906800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "scoring_inputs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT 'round:' || s.round_id FROM new_rows n
            JOIN submissions s ON s.id = n.submission_id
           WHERE s.submitted_version_id = n.version_id));
        RETURN NULL;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "scoring_inputs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT 'round:' || s.round_id FROM new_rows n
            JOIN submissions s ON s.submitted_version_id = n.version_id));
        RETURN NULL;
      END $$`);
  }
}
