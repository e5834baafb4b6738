import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the rosters, keyed by organization (`server/src/modules/staffing/*.entity.ts`). */
const ROSTER_TABLES = ['post_assignments', 'post_vacancies', 'staffing_trainings', 'staffing_profiles'];

/**
 * A change counter for rosters, so a stored ranking result (`ranking_results`) is keyed by a
 * stamp instead of a digest of every roster read on each request. `scoring_stamps` scope
 * `roster:<round id>` is bumped, by statement-level triggers with transition tables (a bulk
 * import bumps each round once), for every round whose roster reading can change:
 * - a roster row of an organization (assignments, vacancies, trainings, leading group) or a
 *   `roster.*` audit event (the "last updated" instant): every round whose scope holds the
 *   organization (rosters are effective-dated, so a closed round can change too);
 * - a round's required posts (`disclosure_posts`): that round;
 * - a round's status (a closed round reads the roster as at its deadline) or departments'
 *   deadline: that round and the next year's round of the same scope ("updated since the last
 *   round"); a new round: the next year's round of its scope.
 * The hierarchy (kinds, levels, paths) is the `organizations` stamp, already in the key.
 * `ranking_results` trades `roster_digest` for `roster_stamp` (the table is a cache: emptied,
 * refilled on the next request) and gains `requested_at`, the last time a request asked for the
 * round × model (the background fill refills what was asked for in the last days).
 */
export class CountRosterChanges1796853215000 implements MigrationInterface {
  name = 'CountRosterChanges1796853215000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_rounds"(organization_ids uuid[]) RETURNS text[] LANGUAGE sql STABLE AS $$
      SELECT ARRAY(
        SELECT DISTINCT 'roster:' || r.id
          FROM rounds r
         WHERE r.scope_organization_id IN (
               SELECT segment::uuid
                 FROM organizations o,
                      unnest(string_to_array(trim(BOTH '/' FROM o.path), '/')) AS segment
                WHERE o.id = ANY(organization_ids) AND segment <> ''))
    $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_of_new_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"("scoring_roster_rounds"(ARRAY(SELECT DISTINCT organization_id FROM new_rows)));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_of_old_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"("scoring_roster_rounds"(ARRAY(SELECT DISTINCT organization_id FROM old_rows)));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_of_changed_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"("scoring_roster_rounds"(ARRAY(
          SELECT organization_id FROM new_rows UNION SELECT organization_id FROM old_rows)));
        RETURN NULL;
      END $$`);
    for (const table of ROSTER_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_roster_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_of_new_rows"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_roster_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_of_changed_rows"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_roster_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_of_old_rows"()`,
      );
    }
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_audited"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_rows WHERE action LIKE 'roster.%' AND organization_id IS NOT NULL) THEN
          PERFORM "scoring_touch"("scoring_roster_rounds"(ARRAY(
            SELECT DISTINCT organization_id FROM new_rows
             WHERE action LIKE 'roster.%' AND organization_id IS NOT NULL)));
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_audit_events_roster_insert" AFTER INSERT ON "audit_events" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_audited"()',
    );
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_posts_new"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM "scoring_touch"(ARRAY(SELECT 'roster:' || round_id FROM new_rows)); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_posts_old"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM "scoring_touch"(ARRAY(SELECT 'roster:' || round_id FROM old_rows)); RETURN NULL; END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_disclosure_posts_roster_insert" AFTER INSERT ON "disclosure_posts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_posts_new"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_disclosure_posts_roster_update" AFTER UPDATE ON "disclosure_posts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_posts_new"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_disclosure_posts_roster_delete" AFTER DELETE ON "disclosure_posts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_posts_old"()',
    );
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_rounds_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT 'roster:' || x.id
            FROM (SELECT n.id, n.scope_organization_id, n.year
                    FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE (o.status, o.department_deadline, o.scope_organization_id, o.year)
                         IS DISTINCT FROM (n.status, n.department_deadline, n.scope_organization_id, n.year)) c
            JOIN rounds x ON x.id = c.id
                          OR (x.scope_organization_id = c.scope_organization_id AND x.year = c.year + 1)));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_roster_rounds_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT 'roster:' || x.id FROM new_rows n
            JOIN rounds x ON x.id = n.id
                          OR (x.scope_organization_id = n.scope_organization_id AND x.year = n.year + 1)));
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_rounds_roster_update" AFTER UPDATE ON "rounds" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_rounds_updated"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_rounds_roster_insert" AFTER INSERT ON "rounds" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_roster_rounds_inserted"()',
    );

    await queryRunner.query('DELETE FROM "ranking_results"');
    await queryRunner.query('ALTER TABLE "ranking_results" DROP CONSTRAINT "uq_ranking_results_key"');
    await queryRunner.query('ALTER TABLE "ranking_results" DROP COLUMN "roster_digest"');
    await queryRunner.query('ALTER TABLE "ranking_results" ADD "roster_stamp" bigint NOT NULL');
    await queryRunner.query(
      'ALTER TABLE "ranking_results" ADD "requested_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_results" ADD CONSTRAINT "uq_ranking_results_key" UNIQUE ("round_id", "scoring_model_id", "round_stamp", "organizations_stamp", "roster_stamp", "day")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "ranking_results"');
    await queryRunner.query('ALTER TABLE "ranking_results" DROP CONSTRAINT "uq_ranking_results_key"');
    await queryRunner.query('ALTER TABLE "ranking_results" DROP COLUMN "requested_at"');
    await queryRunner.query('ALTER TABLE "ranking_results" DROP COLUMN "roster_stamp"');
    await queryRunner.query(
      'ALTER TABLE "ranking_results" ADD "roster_digest" character varying(40) NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_results" ADD CONSTRAINT "uq_ranking_results_key" UNIQUE ("round_id", "scoring_model_id", "round_stamp", "organizations_stamp", "day", "roster_digest")',
    );
    await queryRunner.query('DROP TRIGGER "tr_rounds_roster_insert" ON "rounds"');
    await queryRunner.query('DROP TRIGGER "tr_rounds_roster_update" ON "rounds"');
    await queryRunner.query('DROP FUNCTION "scoring_roster_rounds_inserted"()');
    await queryRunner.query('DROP FUNCTION "scoring_roster_rounds_updated"()');
    for (const op of ['insert', 'update', 'delete'])
      await queryRunner.query(`DROP TRIGGER "tr_disclosure_posts_roster_${op}" ON "disclosure_posts"`);
    await queryRunner.query('DROP FUNCTION "scoring_roster_posts_old"()');
    await queryRunner.query('DROP FUNCTION "scoring_roster_posts_new"()');
    await queryRunner.query('DROP TRIGGER "tr_audit_events_roster_insert" ON "audit_events"');
    await queryRunner.query('DROP FUNCTION "scoring_roster_audited"()');
    for (const table of ROSTER_TABLES)
      for (const op of ['insert', 'update', 'delete'])
        await queryRunner.query(`DROP TRIGGER "tr_${table}_roster_${op}" ON "${table}"`);
    await queryRunner.query('DROP FUNCTION "scoring_roster_of_changed_rows"()');
    await queryRunner.query('DROP FUNCTION "scoring_roster_of_old_rows"()');
    await queryRunner.query('DROP FUNCTION "scoring_roster_of_new_rows"()');
    await queryRunner.query('DROP FUNCTION "scoring_roster_rounds"(uuid[])');
  }
}
