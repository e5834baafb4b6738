/**
 * The report-model shapes this package reads. Temporary structural subset of the canonical
 * report and finding (spec `report-format.md` §1 and §3) until `@gongkai/report-model` exports
 * its types; this file is then reduced to re-exports.
 */
export type Severity = 'error' | 'warning' | 'info';

export type Finding = {
  readonly rule: string;
  readonly severity: Severity;
  readonly cells: readonly string[];
  readonly expected?: number;
  readonly actual?: number;
  readonly message: string;
  readonly messageEn: string;
};

export type AnnualReport = {
  readonly template: string;
  readonly year: number;
  readonly sections: { readonly [section: string]: string | null };
  readonly tables: {
    readonly [table: string]:
      { readonly [row: string]: { readonly [column: string]: number | null } } | undefined;
  };
  readonly staffing?: {
    readonly leadingGroup?: boolean | null;
    readonly dedicatedStaff?: number | null;
    readonly partTimeStaff?: number | null;
    readonly trainings?: number | null;
  };
  readonly facts?: { readonly [fact: string]: number | null | undefined };
};
