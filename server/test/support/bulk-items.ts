import { generateConsistentReport } from '@gongkai/report-model/testing';
import type { CheckItem } from '../../src/modules/submissions/bulk-check';

/** A consistent synthetic report of `year` for a body named `name`. */
export const bulkReport = (seed: number, name: string, year = 2024) =>
  generateConsistentReport(seed, '2021', year, { organization: { name, region: null } });

/** One filing for the bulk checks, without a previous-year version. */
export const checkItem = (index: number, organizationId: string, report: unknown): CheckItem => ({
  index,
  organizationId,
  organizationName: organizationId,
  report,
  previous: null,
});
