import type { MigrationInterface, QueryRunner } from 'typeorm';

const STAFFING_TABLES = [
  'post_assignments',
  'post_vacancies',
  'staffing_trainings',
  'staffing_profiles',
];

export class CreateDisclosurePosts1795331307837 implements MigrationInterface {
  name = 'CreateDisclosurePosts1795331307837';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "staffing_trainings" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organization_id" uuid NOT NULL, "held_on" date NOT NULL, "topic" character varying(200) NOT NULL, "hours" numeric(5,1) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fecf20fd1fd8d9225613d66f149" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_staffing_trainings_organization_held" ON "staffing_trainings" ("organization_id", "held_on") ',
    );
    await queryRunner.query(
      'CREATE TABLE "staffing_profiles" ("organization_id" uuid NOT NULL, "leading_group_established_on" date, "leading_group_dissolved_on" date, "confirmed_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_267659ccad3bb1096b602d25e29" PRIMARY KEY ("organization_id"))',
    );
    await queryRunner.query(
      'CREATE TYPE "public"."assignment_source" AS ENUM(\'MANUAL\', \'REPORT\')',
    );
    await queryRunner.query(
      'CREATE TABLE "post_assignments" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organization_id" uuid NOT NULL, "post_key" character varying(40) NOT NULL, "holder_name" character varying(60) NOT NULL, "full_time" boolean NOT NULL, "from_date" date NOT NULL, "until_date" date, "source" "public"."assignment_source" NOT NULL DEFAULT \'MANUAL\', "source_version_id" uuid, "source_path" character varying(60), "source_line" integer, "created_by_id" uuid, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f00e578ae43c678d42ef94e8b34" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_post_assignments_organization_post" ON "post_assignments" ("organization_id", "post_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "post_vacancies" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organization_id" uuid NOT NULL, "post_key" character varying(40) NOT NULL, "since" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8926dc387967f9ce970640dda3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_post_vacancies_organization_post" ON "post_vacancies" ("organization_id", "post_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "disclosure_posts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "post_key" character varying(40) NOT NULL, "label_zh" character varying(60) NOT NULL, "label_en" character varying(80) NOT NULL, "min_count" integer NOT NULL, "full_time_required" boolean NOT NULL, "counts_as_staff" boolean NOT NULL, "organization_level" "public"."organization_level", "organization_kind" character varying(100), "sort_order" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_a30d9d5614c095f53273465aa21" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_disclosure_posts_round_id" ON "disclosure_posts" ("round_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "export_logs" ADD "include_names" boolean NOT NULL DEFAULT false',
    );
    await queryRunner.query('ALTER TYPE "public"."export_kind" RENAME TO "export_kind_old"');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"export_kind\" AS ENUM('RANKING_XLSX', 'RANKING_CSV', 'REPORT_XLSX', 'STAFFING_CSV')",
    );
    await queryRunner.query(
      'ALTER TABLE "export_logs" ALTER COLUMN "kind" TYPE "public"."export_kind" USING "kind"::"text"::"public"."export_kind"',
    );
    await queryRunner.query('DROP TYPE "public"."export_kind_old"');
    await queryRunner.query(
      'ALTER TABLE "staffing_trainings" ADD CONSTRAINT "fk_staffing_trainings_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "staffing_profiles" ADD CONSTRAINT "fk_staffing_profiles_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "post_assignments" ADD CONSTRAINT "fk_post_assignments_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "post_vacancies" ADD CONSTRAINT "fk_post_vacancies_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disclosure_posts" ADD CONSTRAINT "fk_disclosure_posts_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Roster changes move staffing scores and flags: bump the score-board change counter of every
    // round whose government holds the organization (statement-level, once per statement), and of
    // the round whose required posts changed.
    await queryRunner.query(`CREATE FUNCTION "staffing_touch_organizations"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT DISTINCT 'round:' || r.id FROM "organizations" o
            JOIN "rounds" r ON o.path LIKE '%/' || r.scope_organization_id || '/%'
           WHERE o.id = ANY(ids)));
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "staffing_new_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM "staffing_touch_organizations"(ARRAY(SELECT DISTINCT organization_id FROM new_rows)); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE FUNCTION "staffing_old_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM "staffing_touch_organizations"(ARRAY(SELECT DISTINCT organization_id FROM old_rows)); RETURN NULL; END $$`);
    for (const table of STAFFING_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_scoring_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "staffing_new_rows"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_scoring_update" AFTER UPDATE ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "staffing_new_rows"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_scoring_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "staffing_old_rows"()`,
      );
    }
    await queryRunner.query(
      'CREATE TRIGGER "tr_disclosure_posts_scoring_insert" AFTER INSERT ON "disclosure_posts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_rounds_of_new_rows"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_disclosure_posts_scoring_delete" AFTER DELETE ON "disclosure_posts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_rounds_of_old_rows"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TRIGGER "tr_disclosure_posts_scoring_delete" ON "disclosure_posts"',
    );
    await queryRunner.query(
      'DROP TRIGGER "tr_disclosure_posts_scoring_insert" ON "disclosure_posts"',
    );
    for (const table of STAFFING_TABLES) {
      await queryRunner.query(`DROP TRIGGER "tr_${table}_scoring_delete" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "tr_${table}_scoring_update" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "tr_${table}_scoring_insert" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION "staffing_old_rows"()');
    await queryRunner.query('DROP FUNCTION "staffing_new_rows"()');
    await queryRunner.query('DROP FUNCTION "staffing_touch_organizations"(uuid[])');
    await queryRunner.query(
      'ALTER TABLE "disclosure_posts" DROP CONSTRAINT "fk_disclosure_posts_round"',
    );
    await queryRunner.query(
      'ALTER TABLE "post_vacancies" DROP CONSTRAINT "fk_post_vacancies_organization"',
    );
    await queryRunner.query(
      'ALTER TABLE "post_assignments" DROP CONSTRAINT "fk_post_assignments_organization"',
    );
    await queryRunner.query(
      'ALTER TABLE "staffing_profiles" DROP CONSTRAINT "fk_staffing_profiles_organization"',
    );
    await queryRunner.query(
      'ALTER TABLE "staffing_trainings" DROP CONSTRAINT "fk_staffing_trainings_organization"',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"export_kind_old\" AS ENUM('RANKING_XLSX', 'RANKING_CSV', 'REPORT_XLSX')",
    );
    await queryRunner.query(
      'ALTER TABLE "export_logs" ALTER COLUMN "kind" TYPE "public"."export_kind_old" USING "kind"::"text"::"public"."export_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."export_kind"');
    await queryRunner.query('ALTER TYPE "public"."export_kind_old" RENAME TO "export_kind"');
    await queryRunner.query('ALTER TABLE "export_logs" DROP COLUMN "include_names"');
    await queryRunner.query('DROP INDEX "public"."ix_disclosure_posts_round_id"');
    await queryRunner.query('DROP TABLE "disclosure_posts"');
    await queryRunner.query('DROP INDEX "public"."ux_post_vacancies_organization_post"');
    await queryRunner.query('DROP TABLE "post_vacancies"');
    await queryRunner.query('DROP INDEX "public"."ix_post_assignments_organization_post"');
    await queryRunner.query('DROP TABLE "post_assignments"');
    await queryRunner.query('DROP TYPE "public"."assignment_source"');
    await queryRunner.query('DROP TABLE "staffing_profiles"');
    await queryRunner.query('DROP INDEX "public"."ix_staffing_trainings_organization_held"');
    await queryRunner.query('DROP TABLE "staffing_trainings"');
  }
}
