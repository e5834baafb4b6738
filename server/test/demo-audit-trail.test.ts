import { createTestApp, demoDataHooks, type TestApp } from './test-app';

type Row = Record<string, unknown>;

/**
 * The demo's history is written through the modules' commands: its audit trail is what those
 * commands record, so every row of the demo can be read back from its events — the status chain
 * of each submission, its times and counters, every version, return, extension, round and
 * roster edit.
 */
describe('demo audit trail', () => {
  let app: TestApp;
  const rows = async (sql: string): Promise<Row[]> => (await app.dataSource.query(sql)) as Row[];
  beforeAll(async () => {
    app = await createTestApp({
      hooks: demoDataHooks(() => new Date('2027-02-15T10:00:00+08:00')),
    });
  }, 300_000);
  afterAll(() => app.close());

  it('gives every submission a chain of status events from its start to its status, one per change', async () => {
    const events = await rows(
      `SELECT s.id, s.status AS now, e.action, e.from_status, e.to_status
         FROM submissions s JOIN audit_events e ON e.submission_id = s.id
        WHERE e.from_status IS NOT NULL OR e.to_status IS NOT NULL
        ORDER BY s.id, e.created_at,
                 array_position(ARRAY['DRAFT', 'SUBMITTED', 'RETURNED', 'RESUBMITTED', 'APPROVED',
                                      'PUBLISHED']::text[], e.from_status) NULLS FIRST`,
    );
    const chains = new Map<string, Row[]>();
    for (const e of events) {
      const chain = chains.get(e.id as string) ?? [];
      chain.push(e);
      chains.set(e.id as string, chain);
    }
    const [{ n }] = (await rows(`SELECT count(*)::int AS n FROM submissions`)) as [{ n: number }];
    expect(chains.size).toBe(n);
    const broken: string[] = [];
    for (const [id, chain] of chains) {
      const [first, ...rest] = chain;
      if (first?.action !== 'submission.start' || first.to_status !== 'DRAFT') broken.push(id);
      let at = first?.to_status;
      for (const step of rest) {
        if (step.from_status !== at) broken.push(id);
        at = step.to_status;
      }
      if (at !== chain[0]!.now) broken.push(id);
    }
    expect(broken).toEqual([]);
    const statuses = new Set(events.map((e) => e.now));
    expect(statuses.size).toBe(6);
  });

  it("dates a submission's submitted, approved, published and updated times and counts its returns by its events", async () => {
    const mismatches = await rows(
      `SELECT s.id FROM submissions s
         LEFT JOIN LATERAL (
           SELECT min(created_at) FILTER (WHERE action = 'submission.submit') AS first_submit,
                  max(created_at) FILTER (WHERE action = 'submission.submit') AS last_submit,
                  max(created_at) FILTER (WHERE action = 'submission.approve') AS approved,
                  max(created_at) FILTER (WHERE action = 'submission.publish') AS published,
                  max(created_at) AS latest,
                  count(*) FILTER (WHERE action = 'submission.return')::int AS returns
             FROM audit_events e WHERE e.submission_id = s.id) e ON true
        WHERE s.first_submitted_at IS DISTINCT FROM e.first_submit
           OR s.last_submitted_at IS DISTINCT FROM e.last_submit
           OR s.approved_at IS DISTINCT FROM e.approved
           OR s.published_at IS DISTINCT FROM e.published
           OR s.updated_at IS DISTINCT FROM e.latest
           OR s.return_count <> e.returns
           OR s.revision <> 1 + (SELECT count(*) FROM audit_events x
                                  WHERE x.submission_id = s.id AND x.action <> 'submission.start')`,
    );
    expect(mismatches).toEqual([]);
  });

  it('records every version with its save, upload or import event, by number and source', async () => {
    const missing = await rows(
      `SELECT v.id FROM submission_versions v
        WHERE NOT EXISTS (
          SELECT 1 FROM audit_events e
           WHERE e.submission_id = v.submission_id
             AND e.action IN ('submission.save', 'submission.upload', 'submission.import')
             AND (e.data->>'version')::int = v.number AND e.data->>'source' = v.source::text
             AND e.created_at = v.created_at)`,
    );
    expect(missing).toEqual([]);
    const [counts] = await rows(
      `SELECT (SELECT count(*) FROM submission_versions)::int AS versions,
              (SELECT count(*) FROM audit_events WHERE action IN
                 ('submission.save', 'submission.upload', 'submission.import'))::int AS events`,
    );
    expect(counts!.events).toBe(counts!.versions);
  });

  it('opens every turn of the review thread with its return event, comments and reply included', async () => {
    const unmatched = await rows(
      `SELECT r.id FROM submission_returns r
        WHERE NOT EXISTS (
          SELECT 1 FROM audit_events e
           WHERE e.submission_id = r.submission_id AND e.action = 'submission.return'
             AND e.created_at = r.created_at AND e.reason = r.reason
             AND e.data->>'returnId' = r.id::text)
           OR (r.replied_at IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM audit_events e
           WHERE e.submission_id = r.submission_id AND e.action = 'submission.submit'
             AND e.from_status = 'RETURNED' AND e.created_at = r.replied_at
             AND e.data->>'replyTo' = r.id::text))
           OR NOT EXISTS (SELECT 1 FROM review_comments c
                           WHERE c.return_id = r.id AND c.created_at = r.created_at)`,
    );
    expect(unmatched).toEqual([]);
    const [{ n }] = (await rows(`SELECT count(*)::int AS n FROM submission_returns`)) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(0);
  });

  it('creates every round and grants every extension with its event', async () => {
    const rounds = await rows(
      `SELECT r.id FROM rounds r
        WHERE NOT EXISTS (
          SELECT 1 FROM audit_events e
           WHERE e.round_id = r.id AND e.action = 'round.create'
             AND e.to_status = r.status::text AND e.created_at = r.created_at)`,
    );
    expect(rounds).toEqual([]);
    const extensions = await rows(
      `SELECT x.id FROM round_extensions x
        WHERE NOT EXISTS (
          SELECT 1 FROM audit_events e
           WHERE e.round_id = x.round_id AND e.organization_id = x.organization_id
             AND e.action = 'round.extend' AND e.data->>'deadline' = x.deadline::text
             AND e.created_at = x.created_at)`,
    );
    expect(extensions).toEqual([]);
  });

  it("dates a roster's last confirmation at its last edit, and records every holding and training", async () => {
    const profiles = await rows(
      `SELECT p.organization_id FROM staffing_profiles p
        WHERE p.confirmed_at IS DISTINCT FROM (
          SELECT max(created_at) FROM audit_events e
           WHERE e.organization_id = p.organization_id AND e.action LIKE 'roster.%')`,
    );
    expect(profiles).toEqual([]);
    const [counts] = await rows(
      `SELECT (SELECT count(*) FROM post_assignments)::int AS holdings,
              (SELECT count(*) FROM audit_events WHERE action = 'roster.assign')::int AS assigned,
              (SELECT count(*) FROM staffing_trainings)::int AS trainings,
              (SELECT count(*) FROM audit_events WHERE action = 'roster.training')::int AS recorded`,
    );
    expect(counts!.assigned).toBe(counts!.holdings);
    expect(counts!.recorded).toBe(counts!.trainings);
    expect(counts!.holdings).toBeGreaterThan(100);
  });
});
