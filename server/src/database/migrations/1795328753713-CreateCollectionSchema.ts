import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCollectionSchema1795328753713 implements MigrationInterface {
  name = 'CreateCollectionSchema1795328753713';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"organization_level\" AS ENUM('PROVINCE', 'CITY', 'COUNTY', 'DEPARTMENT', 'TOWNSHIP')",
    );
    await queryRunner.query(
      'CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "level" "public"."organization_level" NOT NULL, "parent_id" uuid, "path" text COLLATE "C" NOT NULL, "kind" character varying(100), "peer_group" character varying(100), "region" character varying(200), "active_from_year" integer, "active_to_year" integer, "reports" boolean NOT NULL DEFAULT true, "is_demo" boolean NOT NULL DEFAULT false, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_organizations_parent_id" ON "organizations" ("parent_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_organizations_code" ON "organizations" ("code") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"round_status\" AS ENUM('PLANNED', 'OPEN', 'CLOSED')",
    );
    await queryRunner.query(
      'CREATE TABLE "rounds" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "year" integer NOT NULL, "template" character varying(20) NOT NULL, "scope_organization_id" uuid NOT NULL, "status" "public"."round_status" NOT NULL DEFAULT \'PLANNED\', "department_deadline" date NOT NULL, "government_deadline" date NOT NULL, "is_demo" boolean NOT NULL DEFAULT false, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d254884a20817016e2f877c7e7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_rounds_scope_year" ON "rounds" ("scope_organization_id", "year") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"submission_status\" AS ENUM('DRAFT', 'SUBMITTED', 'RETURNED', 'RESUBMITTED', 'APPROVED', 'PUBLISHED')",
    );
    await queryRunner.query(
      'CREATE TABLE "submissions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "status" "public"."submission_status" NOT NULL DEFAULT \'DRAFT\', "current_version_id" uuid, "submitted_version_id" uuid, "version_count" integer NOT NULL DEFAULT \'0\', "first_submitted_at" TIMESTAMP WITH TIME ZONE, "last_submitted_at" TIMESTAMP WITH TIME ZONE, "approved_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "return_count" integer NOT NULL DEFAULT \'0\', "reopen_count" integer NOT NULL DEFAULT \'0\', "changes_after_approval" integer NOT NULL DEFAULT \'0\', "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10b3be95b8b2fb1e482e07d706b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_submissions_round_status" ON "submissions" ("round_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_submissions_organization_id" ON "submissions" ("organization_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_submissions_round_organization" ON "submissions" ("round_id", "organization_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"version_source\" AS ENUM('MANUAL', 'AUTOSAVE', 'UPLOAD')",
    );
    await queryRunner.query(
      'CREATE TABLE "submission_versions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "submission_id" uuid NOT NULL, "number" integer NOT NULL, "source" "public"."version_source" NOT NULL, "report" jsonb NOT NULL, "findings" jsonb NOT NULL, "summary" jsonb NOT NULL, "error_count" integer NOT NULL, "warning_count" integer NOT NULL, "info_count" integer NOT NULL, "gap_count" integer NOT NULL, "content_hash" character(64) NOT NULL, "previous_year_version_id" uuid, "file_id" uuid, "import_warnings" jsonb, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_47df3ef399d70ac2133f7d07090" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_submission_versions_submission_number" ON "submission_versions" ("submission_id", "number") ',
    );
    await queryRunner.query(
      'CREATE TABLE "report_files" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "submission_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "format" character varying(20) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "uploaded_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d1284a8b0509229ef08ce8c4105" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_report_files_submission_id" ON "report_files" ("submission_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "finding_justifications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "submission_id" uuid NOT NULL, "finding_key" character varying(2000) NOT NULL, "text" text NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6c8522e8254fd68fe8063ac8a4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_finding_justifications_submission_key" ON "finding_justifications" ("submission_id", "finding_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "round_extensions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "deadline" date NOT NULL, "reason" text NOT NULL, "granted_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1f319d27a4e3cc9a24e8b84b8b9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_round_extensions_round_organization" ON "round_extensions" ("round_id", "organization_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "review_comments" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "submission_id" uuid NOT NULL, "version_id" uuid NOT NULL, "cell" character varying(200), "body" text NOT NULL, "author_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7a18556c348d381630855d05f0a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_review_comments_submission_id" ON "review_comments" ("submission_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"user_role\" AS ENUM('BUREAU', 'REVIEWER', 'SUPERVISOR', 'ADMIN')",
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "username" character varying(100) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" text NOT NULL, "role" "public"."user_role" NOT NULL, "organization_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "ux_users_username" ON "users" ("username") ');
    await queryRunner.query(
      'CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_sessions_user_id" ON "sessions" ("user_id") ');
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organization_id" uuid NOT NULL, "submission_id" uuid, "round_id" uuid, "actor_id" uuid, "action" character varying(60) NOT NULL, "from_status" character varying(20), "to_status" character varying(20), "reason" text, "data" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_audit_events_submission_created" ON "audit_events" ("submission_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_audit_events_organization_created" ON "audit_events" ("organization_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "organizations" ADD CONSTRAINT "fk_organizations_parent" FOREIGN KEY ("parent_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rounds" ADD CONSTRAINT "fk_rounds_scope" FOREIGN KEY ("scope_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "submissions" ADD CONSTRAINT "fk_submissions_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "submissions" ADD CONSTRAINT "fk_submissions_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "submission_versions" ADD CONSTRAINT "fk_submission_versions_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_files" ADD CONSTRAINT "fk_report_files_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_justifications" ADD CONSTRAINT "fk_finding_justifications_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "round_extensions" ADD CONSTRAINT "fk_round_extensions_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "round_extensions" ADD CONSTRAINT "fk_round_extensions_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "fk_users_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Reviewed additions (not expressible on the entities):
    // subtree lookups are `path LIKE '<prefix>%'`; the column is COLLATE "C" so a plain btree serves them.
    await queryRunner.query('CREATE INDEX "ix_organizations_path" ON "organizations" ("path")');
    // Versions and audit events are append-only: the database itself refuses to change them.
    await queryRunner.query(`CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_submission_versions_immutable" BEFORE UPDATE OR DELETE ON "submission_versions" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "tr_audit_events_append_only" ON "audit_events"');
    await queryRunner.query(
      'DROP TRIGGER "tr_submission_versions_immutable" ON "submission_versions"',
    );
    await queryRunner.query('DROP FUNCTION "refuse_change"()');
    await queryRunner.query('DROP INDEX "public"."ix_organizations_path"');
    await queryRunner.query('ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_user"');
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "fk_users_organization"');
    await queryRunner.query(
      'ALTER TABLE "round_extensions" DROP CONSTRAINT "fk_round_extensions_organization"',
    );
    await queryRunner.query(
      'ALTER TABLE "round_extensions" DROP CONSTRAINT "fk_round_extensions_round"',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_justifications" DROP CONSTRAINT "fk_finding_justifications_submission"',
    );
    await queryRunner.query(
      'ALTER TABLE "report_files" DROP CONSTRAINT "fk_report_files_submission"',
    );
    await queryRunner.query(
      'ALTER TABLE "submission_versions" DROP CONSTRAINT "fk_submission_versions_submission"',
    );
    await queryRunner.query(
      'ALTER TABLE "submissions" DROP CONSTRAINT "fk_submissions_organization"',
    );
    await queryRunner.query('ALTER TABLE "submissions" DROP CONSTRAINT "fk_submissions_round"');
    await queryRunner.query('ALTER TABLE "rounds" DROP CONSTRAINT "fk_rounds_scope"');
    await queryRunner.query(
      'ALTER TABLE "organizations" DROP CONSTRAINT "fk_organizations_parent"',
    );
    await queryRunner.query('DROP INDEX "public"."ix_audit_events_organization_created"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_events_submission_created"');
    await queryRunner.query('DROP TABLE "audit_events"');
    await queryRunner.query('DROP INDEX "public"."ix_sessions_user_id"');
    await queryRunner.query('DROP TABLE "sessions"');
    await queryRunner.query('DROP INDEX "public"."ux_users_username"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP TYPE "public"."user_role"');
    await queryRunner.query('DROP INDEX "public"."ix_review_comments_submission_id"');
    await queryRunner.query('DROP TABLE "review_comments"');
    await queryRunner.query('DROP INDEX "public"."ux_round_extensions_round_organization"');
    await queryRunner.query('DROP TABLE "round_extensions"');
    await queryRunner.query('DROP INDEX "public"."ux_finding_justifications_submission_key"');
    await queryRunner.query('DROP TABLE "finding_justifications"');
    await queryRunner.query('DROP INDEX "public"."ix_report_files_submission_id"');
    await queryRunner.query('DROP TABLE "report_files"');
    await queryRunner.query('DROP INDEX "public"."ux_submission_versions_submission_number"');
    await queryRunner.query('DROP TABLE "submission_versions"');
    await queryRunner.query('DROP TYPE "public"."version_source"');
    await queryRunner.query('DROP INDEX "public"."ux_submissions_round_organization"');
    await queryRunner.query('DROP INDEX "public"."ix_submissions_organization_id"');
    await queryRunner.query('DROP INDEX "public"."ix_submissions_round_status"');
    await queryRunner.query('DROP TABLE "submissions"');
    await queryRunner.query('DROP TYPE "public"."submission_status"');
    await queryRunner.query('DROP INDEX "public"."ux_rounds_scope_year"');
    await queryRunner.query('DROP TABLE "rounds"');
    await queryRunner.query('DROP TYPE "public"."round_status"');
    await queryRunner.query('DROP INDEX "public"."ux_organizations_code"');
    await queryRunner.query('DROP INDEX "public"."ix_organizations_parent_id"');
    await queryRunner.query('DROP TABLE "organizations"');
    await queryRunner.query('DROP TYPE "public"."organization_level"');
  }
}
