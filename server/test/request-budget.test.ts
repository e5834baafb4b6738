import { OverviewService } from '../src/modules/overview/overview.service';
import { type TestApp } from './test-app';
import { type World } from './support/world';
import { aliases, post } from './support/requests';
import { useWorld } from './support/suite';

/** The per-request cost and time budget, on an app started with small ones. */
describe('request budget', () => {
  let app: TestApp;
  let w: World;
  useWorld(
    (booted, world) => {
      app = booted;
      w = world;
    },
    {
      env: { GONGKAI_REQUEST_SECONDS: '1', GONGKAI_REQUEST_COST: '20' },
    },
  );

  it('charges a trend years × organizations and refuses it over the budget with HTTP 400', async () => {
    // the test city: 8 organizations, 2 years (2022, 2023 open) → 16 without scores, 32 with
    const plain = await post(
      app,
      `query { roundTrend(regionId: "${w.org.city.id}") { year } }`,
      {},
      w.cookie.admin,
    );
    expect(plain.status).toBe(200);
    expect(plain.body.errors).toBeUndefined();
    const scored = await post(app, aliases(1, w.org.city.id), {}, w.cookie.admin);
    expect(scored.status).toBe(400);
    expect(scored.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'request.tooCostly',
    });
    // the budget is per request: two plain trends in one request cost 32
    const two = await post(
      app,
      `query { a: roundTrend(regionId: "${w.org.city.id}") { year } b: roundTrend(regionId: "${w.org.city.id}") { year } }`,
      {},
      w.cookie.admin,
    );
    expect(two.status).toBe(400);
    expect(two.body.errors?.[0]?.extensions?.reason).toBe('request.tooCostly');
  });

  it('stops a request past its time budget and cancels its running statement', async () => {
    const spy = jest.spyOn(OverviewService.prototype, 'roundTrend').mockImplementation(async () => {
      await app.dataSource.query('SELECT pg_sleep(20)');
      return [];
    });
    try {
      const res = await post(
        app,
        `query { roundTrend(regionId: "${w.org.city.id}") { year } }`,
        {},
        w.cookie.admin,
      );
      expect(res.ms).toBeLessThan(5000);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'request.tooSlow',
      });
      const sleeping = (await app.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'`,
      )) as { n: number }[];
      expect(sleeping[0]!.n).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('starts no statement once the time is up', async () => {
    let after: unknown = null;
    const spy = jest.spyOn(OverviewService.prototype, 'roundTrend').mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1300));
      try {
        await app.dataSource.query('SELECT 1');
      } catch (error) {
        after = error;
        throw error;
      }
      return [];
    });
    try {
      const res = await post(
        app,
        `query { roundTrend(regionId: "${w.org.city.id}") { year } }`,
        {},
        w.cookie.admin,
      );
      expect(after).not.toBeNull();
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.reason).toBe('request.tooSlow');
    } finally {
      spy.mockRestore();
    }
  });
});
