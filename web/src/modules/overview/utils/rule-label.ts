import { type Lang, RULE_CATALOGUE } from '@gongkai/report-model';

const BY_ID = new Map(RULE_CATALOGUE.map((r) => [r.id as string, r.description]));

/** The catalogue's wording of a rule in a language; an id the catalogue lacks stays as it is. */
export function ruleLabel(ruleId: string, lang: Lang): string {
  return BY_ID.get(ruleId)?.[lang] ?? ruleId;
}
