import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The digest the staleness check compared with when this migration was written: sha1 of the
 * input with keys sorted and undefined fields left out. A migration is frozen, so it keeps its
 * own copy instead of importing the running code's.
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function refDigest(input: unknown): string {
  return createHash('sha1').update(canonical(input)).digest('base64url');
}

/** Lines per INSERT while moving a snapshot's rows. */
const BATCH = 2000;

type FrozenRow = Record<string, unknown> & { organizationId: string };
type FrozenInput = Record<string, unknown> & { versionId: string | null };

/**
 * A frozen ranking's rows and inputs move from two gzip JSON documents on `ranking_snapshots`
 * into `ranking_snapshot_rows`, one row per organization, so that a national ranking is read a
 * page or a batch at a time instead of whole. Existing snapshots are moved one at a time (rows
 * and inputs were stored aligned, in rank order); `down` packs them back.
 */
export class StoreSnapshotRows1795361689281 implements MigrationInterface {
  name = 'StoreSnapshotRows1795361689281';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "ranking_snapshot_rows" ("snapshot_id" uuid NOT NULL, "position" integer NOT NULL, "organization_id" uuid NOT NULL, "organization_name" text NOT NULL, "region_name" text, "peer_group" text NOT NULL, "department_type" text, "rank" integer, "tied" boolean NOT NULL, "score" double precision, "points" jsonb NOT NULL, "flags" jsonb NOT NULL, "status" text, "first_submitted_at" text, "previous_rank" integer, "rank_change" integer, "version_id" uuid, "input_digest" text NOT NULL, "input" jsonb NOT NULL, CONSTRAINT "PK_7e493557d0fccb88831bcd88ab6" PRIMARY KEY ("snapshot_id", "position"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_ranking_snapshot_rows_organization" ON "ranking_snapshot_rows" ("snapshot_id", "organization_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshot_rows" ADD CONSTRAINT "fk_ranking_snapshot_rows_snapshot" FOREIGN KEY ("snapshot_id") REFERENCES "ranking_snapshots"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    const snapshots = (await queryRunner.query(
      'SELECT id FROM "ranking_snapshots" ORDER BY created_at, id',
    )) as { id: string }[];
    for (const { id } of snapshots) await this.moveOut(queryRunner, id);
    await queryRunner.query('ALTER TABLE "ranking_snapshots" DROP COLUMN "inputs"');
    await queryRunner.query('ALTER TABLE "ranking_snapshots" DROP COLUMN "result"');
    // Reviewed addition: frozen rows are written once; the database refuses to change them.
    await queryRunner.query(
      'CREATE TRIGGER "tr_ranking_snapshot_rows_immutable" BEFORE UPDATE OR DELETE ON "ranking_snapshot_rows" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TRIGGER "tr_ranking_snapshot_rows_immutable" ON "ranking_snapshot_rows"',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshot_rows" DROP CONSTRAINT "fk_ranking_snapshot_rows_snapshot"',
    );
    await queryRunner.query('ALTER TABLE "ranking_snapshots" ADD "result" bytea');
    await queryRunner.query('ALTER TABLE "ranking_snapshots" ADD "inputs" bytea');
    const snapshots = (await queryRunner.query('SELECT id FROM "ranking_snapshots"')) as {
      id: string;
    }[];
    for (const { id } of snapshots) await this.moveBack(queryRunner, id);
    await queryRunner.query('ALTER TABLE "ranking_snapshots" ALTER COLUMN "result" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "ranking_snapshots" ALTER COLUMN "inputs" SET NOT NULL');
    await queryRunner.query('DROP INDEX "public"."ux_ranking_snapshot_rows_organization"');
    await queryRunner.query('DROP TABLE "ranking_snapshot_rows"');
  }

  private async moveOut(queryRunner: QueryRunner, id: string): Promise<void> {
    const found = (await queryRunner.query(
      'SELECT inputs, result FROM "ranking_snapshots" WHERE id = $1',
      [id],
    )) as { inputs: Buffer; result: Buffer }[];
    const packed = found[0];
    if (!packed) return;
    const rows = JSON.parse(gunzipSync(packed.result).toString('utf8')) as FrozenRow[];
    const inputs = JSON.parse(gunzipSync(packed.inputs).toString('utf8')) as FrozenInput[];
    if (rows.length !== inputs.length)
      throw new Error(
        `ranking snapshot ${id}: ${rows.length} rows but ${inputs.length} inputs; cannot move them`,
      );
    for (let start = 0; start < rows.length; start += BATCH) {
      const lines = rows.slice(start, start + BATCH).map((row, k) => {
        const input = inputs[start + k] as FrozenInput;
        if (input['organizationId'] !== row.organizationId)
          throw new Error(
            `ranking snapshot ${id}: row ${start + k} is not aligned with its inputs`,
          );
        return {
          position: start + k,
          organization_id: row.organizationId,
          organization_name: row['organizationName'],
          region_name: row['regionName'] ?? null,
          peer_group: row['peerGroup'],
          department_type: row['departmentType'] ?? null,
          rank: row['rank'] ?? null,
          tied: row['tied'] ?? false,
          score: row['score'] ?? null,
          points: row['points'] ?? [],
          flags: row['flags'] ?? [],
          status: row['status'] ?? null,
          first_submitted_at: row['firstSubmittedAt'] ?? null,
          previous_rank: row['previousRank'] ?? null,
          rank_change: row['rankChange'] ?? null,
          version_id: input.versionId ?? null,
          input_digest: refDigest(input),
          input,
        };
      });
      await queryRunner.query(
        `INSERT INTO "ranking_snapshot_rows" (snapshot_id, position, organization_id,
           organization_name, region_name, peer_group, department_type, rank, tied, score, points,
           flags, status, first_submitted_at, previous_rank, rank_change, version_id,
           input_digest, input)
         SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r(position int,
           organization_id uuid, organization_name text, region_name text, peer_group text,
           department_type text, rank int, tied boolean, score double precision, points jsonb,
           flags jsonb, status text, first_submitted_at text, previous_rank int,
           rank_change int, version_id uuid, input_digest text, input jsonb)`,
        [id, JSON.stringify(lines)],
      );
    }
  }

  private async moveBack(queryRunner: QueryRunner, id: string): Promise<void> {
    const lines = (await queryRunner.query(
      `SELECT organization_id, organization_name, region_name, peer_group, department_type,
              rank, tied, score, points, flags, status, first_submitted_at, previous_rank,
              rank_change, input
         FROM "ranking_snapshot_rows" WHERE snapshot_id = $1 ORDER BY position`,
      [id],
    )) as Record<string, unknown>[];
    const rows = lines.map((line) => ({
      organizationId: line['organization_id'],
      organizationName: line['organization_name'],
      regionName: line['region_name'],
      peerGroup: line['peer_group'],
      departmentType: line['department_type'],
      rank: line['rank'],
      tied: line['tied'],
      score: line['score'],
      points: line['points'],
      flags: line['flags'],
      status: line['status'],
      firstSubmittedAt: line['first_submitted_at'],
      previousRank: line['previous_rank'],
      rankChange: line['rank_change'],
    }));
    const pack = (value: unknown): Buffer =>
      gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 6 });
    await queryRunner.query(
      'UPDATE "ranking_snapshots" SET result = $2, inputs = $3 WHERE id = $1',
      [id, pack(rows), pack(lines.map((line) => line['input']))],
    );
  }
}
