import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline rule in PostgreSQL, once, owned by the rounds module (`rounds/round-deadline.sql.ts`):
 *
 * - `round_deadline(level, government_deadline, department_deadline, extension_deadline)`: the
 *   deadline that applies to a body — its extension's when one was granted, else the round's
 *   deadline for its level (governments — province, city, county — the governments' one, every
 *   other body the departments').
 * - `deadline_day_end(day)`: a deadline is a day, inclusive in Asia/Shanghai; this is the instant
 *   that day ends. Whether a body is late as of some instant is the caller's comparison with it.
 * - the view `expected_submissions`: one row per round and body expected in it — a reporting body
 *   of the subtree of the round's government, active in the round's year — with `deadline`,
 *   `extended` and `due_end`.
 *
 * Both functions are single-expression IMMUTABLE SQL functions, which PostgreSQL inlines: a query
 * calling them is planned as if the expression were written in it. The view is planned inside
 * each query, so a caller's `round_id = …` and path range reach the indexes of `rounds`,
 * `organizations` and `round_extensions`; the subtree is a range of the C-collated path, which the
 * path index serves also as a join condition. `rounds/round-deadline.ts` reads the same rule in
 * TypeScript; a test holds the two equal.
 */
export class CreateExpectedSubmissionsView1796903100000 implements MigrationInterface {
  name = 'CreateExpectedSubmissionsView1796903100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "round_deadline"(
        level "public"."organization_level", government_deadline date, department_deadline date,
        extension_deadline date) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN COALESCE(extension_deadline,
                      CASE WHEN level IN ('PROVINCE', 'CITY', 'COUNTY') THEN government_deadline
                           ELSE department_deadline END)`);
    await queryRunner.query(`CREATE FUNCTION "deadline_day_end"(day date) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN (day::timestamp + interval '1 day') AT TIME ZONE 'Asia/Shanghai'`);
    await queryRunner.query(`CREATE VIEW "expected_submissions" AS
      SELECT r.id AS round_id, o.id AS organization_id, o.path, r.year,
             x.id IS NOT NULL AS extended,
             d.deadline,
             deadline_day_end(d.deadline) AS due_end
        FROM rounds r
        JOIN organizations sc ON sc.id = r.scope_organization_id
        JOIN organizations o
          ON o.path >= sc.path AND o.path < sc.path || '~'
         AND o.reports
         AND (o.active_from_year IS NULL OR o.active_from_year <= r.year)
         AND (o.active_to_year IS NULL OR o.active_to_year >= r.year)
        LEFT JOIN round_extensions x ON x.round_id = r.id AND x.organization_id = o.id
        CROSS JOIN LATERAL (
              SELECT round_deadline(o.level, r.government_deadline, r.department_deadline,
                                    x.deadline) AS deadline
             ) d`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW "expected_submissions"');
    await queryRunner.query('DROP FUNCTION "deadline_day_end"(date)');
    await queryRunner.query(
      'DROP FUNCTION "round_deadline"("public"."organization_level", date, date, date)',
    );
  }
}
