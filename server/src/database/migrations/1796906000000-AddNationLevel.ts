import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The level `NATION` (全国): the national root that provinces sit under, which runs rounds and
 * files no report. Added in place, before `PROVINCE`, so the enum reads as the entity declares it
 * (no drift). What the generator writes for a changed enum — rename the type, create it anew,
 * retype `organizations.level` and `disclosure_posts.organization_level` — cannot run here: the
 * read view `organization_directory`, the view `expected_submissions`, the function
 * `round_deadline(organization_level, …)` and the covering path index all hold the type, and it
 * would rewrite both tables. `round_deadline` gives a nation the departments' deadline, which
 * never applies: a nation does not report, so it is never an expected body.
 *
 * PostgreSQL cannot take a value out of an enum: `down` refuses while a nation or a required post
 * for nations exists, and otherwise leaves the unused value (`up` again is then a no-op).
 */
export class AddNationLevel1796906000000 implements MigrationInterface {
  name = 'AddNationLevel1796906000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."organization_level" ADD VALUE IF NOT EXISTS 'NATION' BEFORE 'PROVINCE'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const [row] = (await queryRunner.query(
      `SELECT (SELECT count(*) FROM "organizations" WHERE "level"::text = 'NATION')::int AS organizations,
              (SELECT count(*) FROM "disclosure_posts" WHERE "organization_level"::text = 'NATION')::int AS posts`,
    )) as { organizations: number; posts: number }[];
    if (row && (row.organizations > 0 || row.posts > 0))
      throw new Error(
        `cannot undo AddNationLevel: ${row.organizations} organization(s) and ${row.posts} required post(s) are of the level NATION; change or remove them first`,
      );
  }
}
