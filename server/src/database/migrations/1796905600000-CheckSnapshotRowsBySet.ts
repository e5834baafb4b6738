import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ranking_snapshot_rows` refer to their snapshot through statement-level triggers instead of a
 * foreign key: a freeze writes a national snapshot's 120,000 rows with one `INSERT … SELECT`,
 * and the key's check, one query per row, was about a third of that statement's CPU. Generated
 * (the key dropped, `createForeignKeyConstraints: false` on the entity), then, reviewed and
 * hand-written, what the key held:
 * - rows for a snapshot that does not exist are refused, once per statement over its new rows,
 *   the snapshots locked `FOR KEY SHARE` as the key's check locks them (a snapshot deleted
 *   meanwhile is not found; one being deleted is waited for);
 * - deleting snapshots deletes their rows (the key's `ON DELETE CASCADE`), once per statement;
 * - a snapshot's id never changes, and `ranking_snapshots` is not truncated (the key refused
 *   both while rows referred to it).
 */
export class CheckSnapshotRowsBySet1796905600000 implements MigrationInterface {
  name = 'CheckSnapshotRowsBySet1796905600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshot_rows" DROP CONSTRAINT "fk_ranking_snapshot_rows_snapshot"',
    );
    // Reviewed additions: the key's checks, per statement.
    await queryRunner.query(`CREATE FUNCTION "check_snapshot_rows_snapshot"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        missing uuid;
      BEGIN
        PERFORM 1 FROM "ranking_snapshots" s
          WHERE s.id IN (SELECT snapshot_id FROM new_rows) FOR KEY SHARE OF s;
        SELECT n.snapshot_id INTO missing FROM (SELECT DISTINCT snapshot_id FROM new_rows) n
         WHERE NOT EXISTS (SELECT 1 FROM "ranking_snapshots" s WHERE s.id = n.snapshot_id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'ranking_snapshot_rows: snapshot % does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshot_rows_snapshot" AFTER INSERT ON "ranking_snapshot_rows" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "check_snapshot_rows_snapshot"()',
    );
    await queryRunner.query(`CREATE FUNCTION "delete_snapshot_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "ranking_snapshot_rows" r USING old_rows o WHERE r.snapshot_id = o.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshots_rows_deleted" AFTER DELETE ON "ranking_snapshots" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "delete_snapshot_rows"()',
    );
    await queryRunner.query(`CREATE FUNCTION "refuse_snapshot_id_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ranking_snapshots: an id does not change' USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshots_id_kept" BEFORE UPDATE OF id ON "ranking_snapshots" FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "refuse_snapshot_id_change"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshots_no_truncate" BEFORE TRUNCATE ON "ranking_snapshots" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "tr_ranking_snapshots_no_truncate" ON "ranking_snapshots"');
    await queryRunner.query('DROP TRIGGER "tr_ranking_snapshots_id_kept" ON "ranking_snapshots"');
    await queryRunner.query('DROP FUNCTION "refuse_snapshot_id_change"()');
    await queryRunner.query('DROP TRIGGER "tr_ranking_snapshots_rows_deleted" ON "ranking_snapshots"');
    await queryRunner.query('DROP FUNCTION "delete_snapshot_rows"()');
    await queryRunner.query(
      'DROP TRIGGER "tr_ranking_snapshot_rows_snapshot" ON "ranking_snapshot_rows"',
    );
    await queryRunner.query('DROP FUNCTION "check_snapshot_rows_snapshot"()');
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshot_rows" ADD CONSTRAINT "fk_ranking_snapshot_rows_snapshot" FOREIGN KEY ("snapshot_id") REFERENCES "ranking_snapshots"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }
}
