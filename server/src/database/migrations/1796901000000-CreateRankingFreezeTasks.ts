import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewed, hand-written: freezing a ranking runs as a background job, and
 * `ranking_freeze_tasks` is what the page watches while it runs — the population and title
 * asked for, the actor, its state (RUNNING, DONE with the snapshot made, FAILED with the reason),
 * and its progress (rows written of the total). The rows and the snapshot are written in the
 * job's one transaction; progress is written beside it, so a failed freeze leaves its task
 * (FAILED, with the reason) and nothing else. At most one freeze of a population runs at once
 * (a partial unique index). No entity: read and written with SQL by `RankingFreezeService`.
 */
export class CreateRankingFreezeTasks1796901000000 implements MigrationInterface {
  name = 'CreateRankingFreezeTasks1796901000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."ranking_freeze_status" AS ENUM('RUNNING', 'DONE', 'FAILED')`,
    );
    await queryRunner.query(`CREATE TABLE "ranking_freeze_tasks" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "round_id" uuid NOT NULL,
      "region_id" uuid NOT NULL,
      "region_path" text COLLATE "C" NOT NULL,
      "peer_group" character varying(100),
      "scoring_model_id" uuid NOT NULL,
      "title" character varying(200),
      "status" "public"."ranking_freeze_status" NOT NULL DEFAULT 'RUNNING',
      "total" integer,
      "written" integer NOT NULL DEFAULT 0,
      "snapshot_id" uuid,
      "failure" jsonb,
      "actor" jsonb NOT NULL,
      "created_by_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "finished_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_ranking_freeze_tasks" PRIMARY KEY ("id"),
      CONSTRAINT "fk_ranking_freeze_tasks_round" FOREIGN KEY ("round_id")
        REFERENCES "rounds"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_ranking_freeze_tasks_region" FOREIGN KEY ("region_id")
        REFERENCES "organizations"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_ranking_freeze_tasks_scoring_model" FOREIGN KEY ("scoring_model_id")
        REFERENCES "scoring_models"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_ranking_freeze_tasks_snapshot" FOREIGN KEY ("snapshot_id")
        REFERENCES "ranking_snapshots"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_ranking_freeze_tasks_progress"
        CHECK ("written" >= 0 AND ("total" IS NULL OR "written" <= "total"))
    )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_ranking_freeze_tasks_running" ON "ranking_freeze_tasks"
        ("round_id", "region_id", (COALESCE("peer_group", '')), "scoring_model_id")
        WHERE "status" = 'RUNNING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ranking_freeze_tasks_round" ON "ranking_freeze_tasks" ("round_id", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_ranking_freeze_tasks_round"');
    await queryRunner.query('DROP INDEX "public"."ux_ranking_freeze_tasks_running"');
    await queryRunner.query('DROP TABLE "ranking_freeze_tasks"');
    await queryRunner.query('DROP TYPE "public"."ranking_freeze_status"');
  }
}
