import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { nationDeadlines, nationTemplate, SyntheticNation } from '@gongkai/report-model/testing';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../modules/audit';
import { DomainError } from '../../common/domain-error';
import {
  checkNewOrganization,
  insertCheckedOrganizations,
  OrganizationLevel,
  organizationLookups,
  type OrganizationToCreateInList,
} from '../../modules/organizations';
import { roundLookups, RoundStatus, roundWrites } from '../../modules/rounds';
import { fillStaleResults } from '../../modules/scoring';
import { RosterService } from '../../modules/staffing';
import { BulkIngestService, SubmissionStatus } from '../../modules/submissions';
import { type CliCommand, CliError, parseArgs } from '../command';
import { openCliApp } from '../database';

function whole(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

/** What `seed` wrote, as the manifest file holds it. */
export type SeedManifest = {
  readonly seed: number;
  readonly orgs: number;
  readonly years: readonly number[];
  readonly defectRate: number;
  readonly rootCode: string;
  readonly rootId: string;
  readonly rounds: readonly {
    year: number;
    id: string;
    status: string;
    reports: number;
    /** CPU time of the seeding process over this round's ingestion. */
    cpuSeconds: number;
  }[];
  readonly defects: SyntheticNation['manifest'];
  readonly ingestSeconds: number;
  /** CPU time of the seeding process (user + system) over the same span. */
  readonly ingestCpuSeconds: number;
};

/**
 * `gongkai seed --orgs N --years Y [--seed S] [--defects-rate R]` — a synthetic nation for load
 * tests: N reporting bodies under a national root (code `SN<seed>`), one round per year (all but
 * the last closed), every report stored by the bulk path through the same checks as a saved draft,
 * 1,000 per transaction, checked on a worker thread beside the one writing (`--check-threads 0`:
 * on the same thread; the stored rows are the same). Refuses when the database already holds the nation of that seed. Prints
 * progress and the path of the manifest (the injected defects, by body and year).
 */
export const seedCommand: CliCommand = {
  words: ['seed'],
  usage:
    'gongkai seed --orgs <N> --years <Y> [--seed <S>] [--defects-rate <0..1>] [--last-year <YYYY>] [--batch <size>] [--check-threads <0|1>] [--manifest <file>]',
  summary:
    'loads a synthetic nation of N reporting bodies × Y years of checked reports with injected defects (for load tests; never in production) and writes their manifest',

  async run(args, { io, env }) {
    const parsed = parseArgs(args, {
      options: [
        'orgs',
        'years',
        'seed',
        'defects-rate',
        'last-year',
        'batch',
        'check-threads',
        'manifest',
      ],
      flags: [],
    });
    if (parsed.positional.length > 0)
      throw new CliError(`unexpected argument "${parsed.positional[0]}"`);
    if (!parsed.options.has('orgs')) throw new CliError('--orgs is required (try --help)');
    if (!parsed.options.has('years')) throw new CliError('--years is required (try --help)');
    const orgs = whole('orgs', parsed.options.get('orgs'), 0, 1, 2_000_000);
    const years = whole('years', parsed.options.get('years'), 0, 1, 30);
    const seed = whole('seed', parsed.options.get('seed'), 1, 0, 2 ** 31 - 1);
    const lastYear = whole(
      'last-year',
      parsed.options.get('last-year'),
      2025,
      2019 + years - 1,
      2100,
    );
    const batchSize = whole('batch', parsed.options.get('batch'), 1000, 1, 5000);
    const checkThreads = whole('check-threads', parsed.options.get('check-threads'), 1, 0, 1) as
      0 | 1;
    const rateText = parsed.options.get('defects-rate');
    const defectRate = rateText === undefined ? 0.05 : Number(rateText);
    if (!(defectRate >= 0 && defectRate <= 1))
      throw new CliError(`--defects-rate must be a number from 0 to 1, not "${rateText}"`);
    if (env.NODE_ENV === 'production')
      throw new CliError('seed writes synthetic data and is refused when NODE_ENV=production');
    const rootCode = `SN${seed}`;
    const manifestPath = resolve(
      parsed.options.get('manifest') ?? `synthetic-nation-${rootCode}.manifest.json`,
    );

    const cli = await openCliApp(env);
    try {
      const dataSource = cli.dataSource;
      if (await organizationLookups.byCode(dataSource.manager, rootCode))
        throw new CliError(
          `the database already holds the synthetic nation of seed ${seed} (organization ${rootCode}); use another --seed or an empty database`,
        );
      const nation = new SyntheticNation({
        bodies: orgs,
        years,
        seed,
        defectRate,
        lastYear,
        codePrefix: rootCode,
      });
      const audit = cli.app.get(AuditService);
      const bulk = cli.app.get(BulkIngestService);
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const ids = await createHierarchy(dataSource, audit, nation);
      const rootId = ids.get(rootCode)!;
      io.out(
        `${nation.bodies.length} organizations (${orgs} reporting) under ${rootCode} in ${seconds(started)} s\n`,
      );
      const rounds: SeedManifest['rounds'][number][] = [];
      for (const year of nation.years) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const roundId = await createRound(dataSource, audit, rootId, year);
        const result = await bulk.ingest(
          null,
          roundId,
          (function* () {
            for (const filing of nation.filings(year))
              yield {
                organizationId: ids.get(filing.bodyCode)!,
                report: filing.report,
                status: filing.status as SubmissionStatus,
                submittedAt: filing.submittedAt ? new Date(filing.submittedAt) : null,
              };
          })(),
          {
            batchSize,
            checkThreads,
            onBatch: (p) => {
              if (p.batch % 10 === 0)
                io.err(
                  `  ${year}: ${p.stored} reports stored (batch ${p.batch}: ${Math.round(p.ms)} ms)\n`,
                );
            },
          },
        );
        if (result.failure) {
          const first = result.failure.problems
            .slice(0, 5)
            .map((p) => `${p.field}: ${p.message}`)
            .join('; ');
          throw new CliError(
            `${year}: batch ${result.failure.batch} (${result.failure.count} reports) failed and was not stored — ${result.failure.message}${first ? ` (${first})` : ''}; ${result.stored} reports of ${year} before it are stored`,
          );
        }
        const open = nation.isOpen(year);
        if (!open) await closeRound(dataSource, audit, rootId, roundId);
        const cpu = Number(cpuSeconds(process.cpuUsage(cpu0)).toFixed(1));
        rounds.push({
          year,
          id: roundId,
          status: open ? 'OPEN' : 'CLOSED',
          reports: result.stored,
          cpuSeconds: cpu,
        });
        io.out(
          `${year}: ${result.stored} reports in ${result.batches} batches, ${result.findings} findings, ${seconds(t0)} s, ${cpu} s of CPU${open ? ' (round open)' : ''}\n`,
        );
      }
      const manifest: SeedManifest = {
        seed,
        orgs,
        years: nation.years,
        defectRate,
        rootCode,
        rootId,
        rounds,
        defects: nation.manifest,
        ingestSeconds: Number(seconds(started)),
        ingestCpuSeconds: Number(cpuSeconds(process.cpuUsage(cpuStarted)).toFixed(1)),
      };
      await writeFile(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
      // the rounds' current rankings, so the first reader finds them stored
      const ranked = performance.now();
      const filled = await fillStaleResults(dataSource, cli.app.get(RosterService));
      io.out(`${filled} current rankings stored in ${seconds(ranked)} s\n`);
      io.out(
        `seeded ${rounds.reduce((s, r) => s + r.reports, 0)} reports in ${seconds(started)} s (${manifest.ingestCpuSeconds} s of CPU in this process); ${nation.manifest.length} injected defects listed in ${manifestPath}\n`,
      );
      return 0;
    } finally {
      await cli.close();
    }
  },
};

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/**
 * Every organization of the nation, parents first, through the create command's checks as any
 * other writer of organizations (the item's own fields, then its place: the nation a root that
 * files no report, each level under a smaller one, codes free), in one transaction with one
 * audit event. A refused body is named by its row, code and name, and nothing is written.
 */
async function createHierarchy(
  dataSource: DataSource,
  audit: AuditService,
  nation: SyntheticNation,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const field = (i: number) => `organizations.${i}`;
  // the refused row: named by the error's field, or (a code taken) by its code
  const named = (error: unknown): never => {
    if (!(error instanceof DomainError)) throw error;
    const at = /^organizations\.(\d+)/.exec(error.field ?? '');
    const code = error.reason?.params?.['code'];
    const row = at ? Number(at[1]) : nation.bodies.findIndex((b) => b.code === code);
    const body = nation.bodies[row];
    throw new CliError(
      `the nation's organizations were refused${body ? ` at ${error.field ?? field(row)} (${body.code} ${body.name})` : ''}: ${error.message}; nothing was written`,
    );
  };
  const items = nation.bodies.map((body, i): OrganizationToCreateInList => {
    const id = randomUUID();
    ids.set(body.code, id);
    const item = {
      id,
      code: body.code,
      name: body.name,
      level: OrganizationLevel[body.level],
      // an unknown parent code is refused by the checks, naming the row
      parentId: body.parentCode === null ? null : (ids.get(body.parentCode) ?? body.parentCode),
      kind: body.kind,
      peerGroup: body.peerGroup,
      region: body.region,
      reports: body.reports,
    };
    try {
      checkNewOrganization(item, field(i));
    } catch (error) {
      named(error);
    }
    return item;
  });
  await dataSource
    .transaction(async (manager) => {
      const [first] = await insertCheckedOrganizations(manager, null, items, { field });
      if (!first) return;
      await audit.contextFor(manager, null).record([
        {
          organizationId: first.created.id,
          action: 'organization.import',
          data: { created: items.length, changed: 0, moved: 0, closed: 0 },
        },
      ]);
    })
    .catch(named);
  return ids;
}

async function createRound(
  dataSource: DataSource,
  audit: AuditService,
  rootId: string,
  year: number,
): Promise<string> {
  const deadlines = nationDeadlines(year);
  return dataSource.transaction(async (manager) => {
    const scope = await organizationLookups.byIdOrFail(manager, rootId);
    const round = await roundWrites.create(audit.contextFor(manager, null), null, scope, {
      year,
      scopeOrganizationId: rootId,
      template: nationTemplate(year),
      status: RoundStatus.OPEN,
      departmentDeadline: deadlines.department,
      governmentDeadline: deadlines.government,
    });
    return round.id;
  });
}

async function closeRound(
  dataSource: DataSource,
  audit: AuditService,
  rootId: string,
  roundId: string,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const round = await roundLookups.byIdOrFail(manager, roundId, { shareLock: true });
    const scope = await organizationLookups.byIdOrFail(manager, rootId);
    await roundWrites.close(audit.contextFor(manager, null), round, scope);
  });
}
