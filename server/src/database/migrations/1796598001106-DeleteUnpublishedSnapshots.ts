import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewed, hand-written (not expressible on the entities): a snapshot that was never published
 * may be deleted with its rows; a published one may not, and frozen rows still never change.
 * - `ranking_snapshots`: DELETE of a PUBLISHED row is refused.
 * - `ranking_snapshot_rows`: UPDATE is refused as before; DELETE only once the snapshot row is
 *   gone (the FK's ON DELETE CASCADE, i.e. together with an unpublished snapshot).
 */
export class DeleteUnpublishedSnapshots1796598001106 implements MigrationInterface {
  name = 'DeleteUnpublishedSnapshots1796598001106';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "refuse_published_snapshot_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'published ranking snapshots are immutable' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshots_published_kept" BEFORE DELETE ON "ranking_snapshots" FOR EACH ROW EXECUTE FUNCTION "refuse_published_snapshot_delete"()',
    );
    await queryRunner.query(`CREATE FUNCTION "refuse_snapshot_row_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (
          SELECT 1 FROM "ranking_snapshots" s WHERE s.id = OLD.snapshot_id
        ) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      'DROP TRIGGER "tr_ranking_snapshot_rows_immutable" ON "ranking_snapshot_rows"',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshot_rows_immutable" BEFORE UPDATE OR DELETE ON "ranking_snapshot_rows" FOR EACH ROW EXECUTE FUNCTION "refuse_snapshot_row_change"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TRIGGER "tr_ranking_snapshot_rows_immutable" ON "ranking_snapshot_rows"',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshot_rows_immutable" BEFORE UPDATE OR DELETE ON "ranking_snapshot_rows" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()',
    );
    await queryRunner.query('DROP FUNCTION "refuse_snapshot_row_change"()');
    await queryRunner.query(
      'DROP TRIGGER "tr_ranking_snapshots_published_kept" ON "ranking_snapshots"',
    );
    await queryRunner.query('DROP FUNCTION "refuse_published_snapshot_delete"()');
  }
}
