// Stored ranking results around a change: a round's stamp is bumped (what a submission, an
// approval or a roster edit does), then
//   - the first page right after it, which finds no current result and waits for the fill (the
//     background job's, when it has started, or its own);
//   - after a second change, the time until the background job has stored the new result with
//     nobody asking (polled in PostgreSQL).

const CURRENT_SQL = `
  SELECT count(*)::int AS n FROM ranking_results r
   WHERE r.round_id = $1 AND r.day = (now() AT TIME ZONE 'Asia/Shanghai')::date
     AND r.round_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || $1::text), 0)
     AND r.roster_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'roster:' || $1::text), 0)
     AND r.organizations_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0)`;

const touch = (client, roundId) =>
  client.query(`SELECT scoring_touch(ARRAY['round:' || $1::text])`, [roundId]);

/** `page()` requests one ranking page of `roundId` and resolves to its milliseconds. */
export async function measureFill({ client, roundId, page, figure }) {
  try {
    await touch(client, roundId);
    figure(
      'first ranking page right after a change (waits for the fill)',
      await page(),
      'ms',
      null,
    );
  } catch (error) {
    console.log(`  ${String(error.message ?? error).slice(0, 300)}`);
    figure('first ranking page right after a change (waits for the fill)', null, 'ms', null);
  }
  await touch(client, roundId);
  const changed = performance.now();
  for (;;) {
    if ((await client.query(CURRENT_SQL, [roundId])).rows[0].n > 0) {
      figure(
        'a change → result stored by the job, nobody asking',
        (performance.now() - changed) / 1000,
        's',
        null,
      );
      return;
    }
    if (performance.now() - changed > 120_000) {
      figure('a change → result stored by the job, nobody asking', null, 's', null);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
