import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read views modules publish for each other's SQL (server/src/modules/README.md, "Read
 * views"): a module's SQL names only its own tables and these views. Each is a plain projection of
 * one table with an explicit column list — no WHERE, no join —, so PostgreSQL pulls it up into the
 * calling query and plans it as if the table were named: the same indexes, the same plans. What a
 * view leaves out (password hashes, holders' names, free-text reasons, report files' bytes) no
 * other module reads. The owner declares its views' names in its `read-views.ts`.
 */
const VIEWS: Record<string, string> = {
  // organizations: the directory of bodies
  organization_directory: `SELECT id, code, name, level, parent_id, path, kind, peer_group, region,
      active_from_year, active_to_year, reports, is_demo, revision, created_at, updated_at
    FROM organizations`,
  // rounds: rounds and the extensions granted in them
  round_directory: `SELECT id, year, template, scope_organization_id, status, department_deadline,
      government_deadline, is_demo, revision, created_at, updated_at
    FROM rounds`,
  round_extension_deadlines: `SELECT id, round_id, organization_id, deadline, created_at
    FROM round_extensions`,
  // submissions: the state of each submission, and its versions' reports and findings
  submission_states: `SELECT id, round_id, organization_id, status, current_version_id,
      submitted_version_id, version_count, first_submitted_at, last_submitted_at, approved_at,
      published_at, return_count, reopen_count, changes_after_approval, revision, created_at,
      updated_at
    FROM submissions`,
  submission_reports: `SELECT id, submission_id, number, source, report, findings, summary,
      error_count, warning_count, info_count, gap_count, content_hash, previous_year_version_id,
      created_by_id, created_at
    FROM submission_versions`,
  // audit: the trail of actions (no reasons or event data)
  audit_trail: `SELECT id, organization_id, submission_id, round_id, actor_id, action, from_status,
      to_status, created_at
    FROM audit_events`,
  // auth: who a user is and where (no password hash, no sign-in history)
  user_contacts: `SELECT id, username, display_name, role, organization_id, active
    FROM users`,
  // staffing: the terms of the roster (no holders' names)
  post_assignment_terms: `SELECT id, organization_id, post_key, full_time, from_date, until_date
    FROM post_assignments`,
  post_vacancy_terms: `SELECT id, organization_id, post_key, since
    FROM post_vacancies`,
  // scoring: frozen snapshots and stored live results, as exports and the overview read them
  ranking_snapshot_headers: `SELECT id, round_id, region_id, region_path, peer_group,
      scoring_model_id, title, status, as_of, entry_count, ranked_count, created_at, published_at
    FROM ranking_snapshots`,
  ranking_snapshot_entries: `SELECT snapshot_id, position, organization_id, organization_name,
      region_name, peer_group, department_type, rank, tied, score, points, flags, status,
      first_submitted_at, previous_rank, rank_change, version_id, input_digest, input
    FROM ranking_snapshot_rows`,
  ranking_result_headers: `SELECT id, round_id, scoring_model_id, day, organization_count,
      ranked_count, peer_counts, computed_at, as_of
    FROM ranking_results`,
  ranking_result_entries: `SELECT result_id, list_position, organization_id, cents, rank, tied,
      path, peer_group, peer_position, peer_rank, peer_tied, statuses, raws, norms
    FROM ranking_result_rows`,
};

export class PublishReadViews1796903500000 implements MigrationInterface {
  name = 'PublishReadViews1796903500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, select] of Object.entries(VIEWS)) {
      await queryRunner.query(`CREATE VIEW "${name}" AS ${select}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(VIEWS).reverse()) {
      await queryRunner.query(`DROP VIEW "${name}"`);
    }
  }
}
