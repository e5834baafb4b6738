import { shanghaiInstant } from '@gongkai/report-model';
import { createRng } from '@gongkai/report-model/testing';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { userLookups } from '../modules/auth';
import { storeVersionInputs, versionsWithoutInputs } from '../modules/scoring';
import { seedDemoAccounts } from './demo-accounts';
import { demoHistory } from './demo-history';
import { type Clock, demoCalendar, systemClock } from './demo-calendar';
import { seedDemoNotifications } from './demo-notifications';
import { seedDemoOrganizations } from './demo-organizations';
import { seedDemoRounds } from './demo-rounds';
import { importSeedReports } from './demo-seed-reports';
import { seedDemoStaffing } from './demo-staffing';
import { seedDemoSubmissions } from './demo-submissions';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

export class DemoRefusedError extends Error {}

export type DemoSummary = {
  organizations: number;
  rounds: number;
  submissions: number;
  versions: number;
  seedReports: number;
};

/**
 * The boot hook: refuses demo accounts in production, then loads the demo dataset into an empty
 * database when `config.demoData` is set.
 */
export async function demoBootHook(
  dataSource: DataSource,
  config: AppConfig,
  clock: Clock = systemClock,
): Promise<DemoSummary | null> {
  if (config.nodeEnv === 'production') {
    const demo = await userLookups.demoCount(dataSource.manager);
    if (demo > 0)
      throw new DemoRefusedError(
        `the database holds ${demo} demo account(s) with a public password; production refuses to start — delete them (users.is_demo) first`,
      );
    return null;
  }
  if (!config.demoData) return null;
  const [{ existing }] = (await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM organization_directory) AS existing`,
  )) as [{ existing: boolean }];
  if (existing) return null;
  const summary = await seedDemoData(dataSource, config, clock);
  await completeScoringInputs(dataSource);
  return summary;
}

/**
 * The seed writes last year's submissions after some of this year's versions: their stored
 * scoring inputs are brought up to date here, before the server starts, rather than by the
 * background job while the first users (and a first backup) already read the data.
 */
async function completeScoringInputs(dataSource: DataSource): Promise<void> {
  const query = (sql: string, parameters?: unknown[]) =>
    dataSource.query(sql, parameters) as Promise<unknown[]>;
  let after: string | null = null;
  for (;;) {
    const ids = await versionsWithoutInputs(query, 500, after);
    if (ids.length === 0) return;
    await dataSource.transaction((em) =>
      storeVersionInputs((sql, parameters) => em.query(sql, parameters) as Promise<unknown[]>, ids),
    );
    after = ids[ids.length - 1]!;
  }
}

/**
 * Loads the demo dataset: 演示市 with its districts and counties, ~200 reporting bodies, six
 * closed rounds and the round being collected on the day it is loaded (`demo-calendar.ts`), with
 * generated reports and a realistic mix of defects and workflow states, the shared seed reports
 * when available, and the four demo accounts (password `gongkai-demo`). Nothing is dated after
 * the clock's instant. One transaction; one seeded random stream, drawn in the order of the
 * steps below (so the data is the same on every load of the same day).
 */
export async function seedDemoData(
  dataSource: DataSource,
  config: AppConfig,
  clock: Clock = systemClock,
): Promise<DemoSummary> {
  const calendar = demoCalendar(clock());
  const rng = createRng(20250126);
  return dataSource.transaction(async (manager) => {
    const history = demoHistory(manager);
    const organizations = await seedDemoOrganizations(manager, rng, calendar);
    // the accounts exist from the day before the oldest round opened
    const accounts = await seedDemoAccounts(
      history,
      organizations,
      shanghaiInstant(`${calendar.firstYear}-11-30`, 9),
    );
    // the rosters before the rounds: a roster's edit then marks no round's ranking as changed,
    // so thousands of edits in one transaction do not pile up row versions of the same marks
    await seedDemoStaffing(history, {
      organizations: organizations.all,
      bureauOrganizationId: accounts.bureauOrg.id,
      firstYear: calendar.firstYear,
      currentYear: calendar.currentYear,
    });
    const rounds = await seedDemoRounds(history, calendar, organizations.city, accounts.reviewerId);
    const filed = await seedDemoSubmissions(
      history,
      rng,
      { calendar, organizations, accounts },
      rounds,
    );
    const seedReports = await importSeedReports(
      history,
      config,
      organizations.province,
      accounts.reviewerId,
    );
    await history.flush();
    await seedDemoNotifications(manager, calendar.now);
    return {
      organizations: organizations.all.length + seedReports.organizations,
      rounds: rounds.length + seedReports.rounds,
      submissions: filed.submissions + seedReports.submissions,
      versions: filed.versions + seedReports.submissions,
      seedReports: seedReports.submissions,
    };
  });
}
