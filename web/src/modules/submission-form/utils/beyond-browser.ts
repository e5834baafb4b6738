import { type Finding, RULE_CATALOGUE } from '@gongkai/report-model';

/** Rules the browser cannot evaluate: they need the round's other reports or its deadline. */
const BEYOND_BROWSER = new Set(
  RULE_CATALOGUE.filter((r) => r.scope === 'round' || r.scope === 'server').map((r) => r.id),
);

/** The stored findings of a saved version that only the server could produce. */
export function beyondBrowser(stored: readonly Pick<Finding, 'rule'>[]): Finding[] {
  return stored.filter((f) => BEYOND_BROWSER.has(f.rule as Finding['rule'])) as Finding[];
}
