/** Generated tables whose sums, identities and carry-overs hold. */
import type { AnnualReport, ReportTables } from '../report/annual-report.types';
import {
  APPLICANT_COLUMNS,
  LEGACY_2011_ROWS,
  LEGACY_APPLICATION_CHANNEL_ROWS,
  LEGACY_FUJIAN_ROWS,
  LEGACY_RESPONSE_ROWS,
  REVIEW_LITIGATION_PARTS,
  REVIEW_LITIGATION_ROWS,
  applicationOutcomeRows,
} from '../templates/template-definitions';
import { type Rng, int, sparse } from './rng';

type Rows = Record<string, Record<string, number | null>>;

export function nationalTables(
  rng: Rng,
  template: '2019' | '2021',
  previous: AnnualReport | undefined,
): ReportTables {
  const outcomeRows = applicationOutcomeRows(template);
  const applications: Rows = {};
  for (const row of ['newReceived', 'carriedOver', ...outcomeRows, 'total', 'carriedForward']) {
    applications[row] = {};
  }
  const prevApps =
    previous && (previous.template === '2019' || previous.template === '2021')
      ? previous.tables.applications
      : undefined;
  for (const column of APPLICANT_COLUMNS) {
    const scale = column === 'natural' ? 12 : 3;
    let total = 0;
    for (const row of outcomeRows) {
      const value = sparse(rng, row === 'granted' ? scale * 2 : scale);
      (applications[row] as Record<string, number>)[column] = value;
      total += value;
    }
    const carriedOver = prevApps?.carriedForward?.[column] ?? sparse(rng, 2);
    let carriedForward = sparse(rng, 2);
    if (total + carriedForward < carriedOver) {
      const missing = carriedOver - total - carriedForward;
      (applications.granted as Record<string, number>)[column] =
        ((applications.granted as Record<string, number>)[column] ?? 0) + missing;
      total += missing;
    }
    carriedForward = Math.max(0, carriedForward);
    (applications.total as Record<string, number>)[column] = total;
    (applications.carriedOver as Record<string, number>)[column] = carriedOver;
    (applications.carriedForward as Record<string, number>)[column] = carriedForward;
    (applications.newReceived as Record<string, number>)[column] =
      total + carriedForward - carriedOver;
  }
  for (const values of Object.values(applications)) {
    values.total = APPLICANT_COLUMNS.reduce((sum, column) => sum + (values[column] ?? 0), 0);
  }

  const reviewLitigation: Rows = {};
  for (const row of REVIEW_LITIGATION_ROWS) {
    const values: Record<string, number> = {};
    let total = 0;
    for (const part of REVIEW_LITIGATION_PARTS) {
      values[part] = sparse(rng, row === 'review' ? 3 : 2);
      total += values[part];
    }
    values.total = total;
    reviewLitigation[row] = values;
  }

  const prev20 = previous?.template === template ? previous.tables.article20 : undefined;
  const article20: Rows = {};
  if (template === '2021') {
    for (const row of ['regulations', 'normativeDocuments']) {
      const issued = sparse(rng, 5);
      const repealed = sparse(rng, 2);
      const base = prev20?.[row]?.inForce ?? int(rng, 30) + repealed;
      article20[row] = { issued, repealed, inForce: Math.max(0, base + issued - repealed) };
      if (base + issued - repealed < 0)
        article20[row] = { issued, repealed: 0, inForce: base + issued };
    }
    for (const row of ['licensing', 'penalties', 'enforcement']) {
      article20[row] = { decisions: sparse(rng, 200) };
    }
    article20.fees = { amount: Math.round(rng() * 5000) / 100 };
  } else {
    for (const row of ['regulations', 'normativeDocuments']) {
      const made = sparse(rng, 5);
      const published = Math.min(made, sparse(rng, 5));
      const base = prev20?.[row]?.totalPublic ?? int(rng, 30);
      article20[row] = { made, published, totalPublic: base + published };
    }
    for (const row of ['licensing', 'otherServices', 'penalties', 'enforcement', 'fees']) {
      const previousItems = prev20
        ? (prev20[row]?.previousItems ?? 0) + (prev20[row]?.change ?? 0)
        : int(rng, 20);
      const change = int(rng, 6) - Math.min(3, previousItems);
      article20[row] =
        row === 'fees'
          ? { previousItems, change }
          : { previousItems, change, decisions: sparse(rng, 100) };
    }
    article20.procurement = { projects: sparse(rng, 5), amount: Math.round(rng() * 100000) / 100 };
  }
  return { article20, applications, reviewLitigation };
}

export function legacyTables(
  rng: Rng,
  template: 'legacy-fujian' | 'legacy-2011',
  previous: AnnualReport | undefined,
): ReportTables {
  const rows: readonly string[] =
    template === 'legacy-fujian' ? LEGACY_FUJIAN_ROWS : LEGACY_2011_ROWS;
  const year: Record<string, number> = {};
  const website = sparse(rng, 100);
  const gazette = sparse(rng, 20);
  year.proactiveWebsite = website;
  year.proactiveGazette = gazette;
  year.proactiveTotal = website + gazette + sparse(rng, 10);
  let applications = 0;
  for (const row of LEGACY_APPLICATION_CHANNEL_ROWS) {
    if (!rows.includes(row)) continue;
    year[row] = sparse(rng, 5);
    applications += year[row];
  }
  year.applicationsTotal = applications;
  let remaining = applications;
  let responses = 0;
  for (const row of LEGACY_RESPONSE_ROWS) {
    year[row] = int(rng, remaining);
    remaining -= year[row];
    responses += year[row];
  }
  year.responsesTotal = responses;
  year.feeWaiverYuan = rng() < 0.8 ? 0 : Math.round(rng() * 50000) / 100;
  year.complaints = sparse(rng, 3);
  year.administrativeReviews = sparse(rng, 2);
  year.lawsuits = sparse(rng, 2);
  // Cumulative = previous cumulative (or a random history with the same sums) + this year.
  const history: Record<string, number> = {};
  const prev = previous?.tables.legacyStats;
  for (const row of rows) {
    const before = prev?.[row]?.cumulative;
    history[row] =
      before ?? (row === 'feeWaiverYuan' ? Math.round(rng() * 100000) / 100 : int(rng, 50));
  }
  if (!prev) {
    history.proactiveTotal = (history.proactiveWebsite ?? 0) + (history.proactiveGazette ?? 0);
    history.applicationsTotal = LEGACY_APPLICATION_CHANNEL_ROWS.reduce(
      (sum, row) => sum + (rows.includes(row) ? (history[row] ?? 0) : 0),
      0,
    );
    let left = history.applicationsTotal;
    let sum = 0;
    for (const row of LEGACY_RESPONSE_ROWS) {
      history[row] = int(rng, left);
      left -= history[row];
      sum += history[row];
    }
    history.responsesTotal = sum;
  }
  const legacyStats: Rows = {};
  for (const row of rows) {
    const y = year[row] ?? 0;
    const cumulative = (history[row] ?? 0) + y;
    legacyStats[row] = {
      year: y,
      cumulative: row === 'feeWaiverYuan' ? Math.round(cumulative * 100) / 100 : cumulative,
    };
  }
  return { legacyStats };
}
