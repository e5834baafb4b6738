import {
  type AnnualReport,
  type CellKind,
  findCell,
  MAX_SECTION_CHARS,
  type SectionKey,
  type Staffing,
} from '@gongkai/report-model';
import { type ParsedCellInput, parseCellInput } from './parse-cell-input';

/** What the form holds: the report as data, plus what the user typed where it is not (yet) valid. */
export type ReportDraft = {
  readonly report: AnnualReport;
  /** Text typed into cells, by path, where it differs from the stored value's display. */
  readonly raw: Readonly<Record<string, string>>;
  /** Parse result of the last input per cell (errors block sending; notices are shown). */
  readonly inputs: Readonly<Record<string, ParsedCellInput>>;
  /** Cells prefilled by the importer with less than full confidence, still to be confirmed. */
  readonly guessed: ReadonlySet<string>;
  readonly justifications: Readonly<Record<string, string>>;
  readonly dirty: boolean;
};

export type DraftAction =
  | { type: 'cells'; entries: readonly { path: string; raw: string }[] }
  | { type: 'section'; key: SectionKey; text: string }
  | { type: 'staffing'; key: keyof Staffing; value: number | boolean | null }
  | { type: 'publishedOn'; value: string | null }
  | { type: 'justify'; key: string; text: string }
  | { type: 'confirm'; paths: readonly string[] }
  /** Leaving a cell: valid input is shown as the number it was read as (０１２ → 12). */
  | { type: 'settle'; path: string }
  | { type: 'load'; report: AnnualReport; justifications?: Readonly<Record<string, string>> }
  /** The server stored `report`; the draft stays dirty if it changed since. */
  | { type: 'saved'; report: AnnualReport };

/** Cells the importer was not sure about: provenance confidence below 1. */
export function guessedCells(report: AnnualReport): ReadonlySet<string> {
  const guessed = new Set<string>();
  for (const [path, entry] of Object.entries(report.provenance ?? {})) {
    if (entry.confidence !== undefined && entry.confidence < 1 && findCell(report.template, path)) {
      guessed.add(path);
    }
  }
  return guessed;
}

/**
 * A fresh draft of `report`. The importer's guesses are highlighted for confirmation, and so are
 * the cells in `toConfirm` (e.g. what an uploaded file just filled in).
 */
export function createDraft(
  report: AnnualReport,
  justifications: Readonly<Record<string, string>> = {},
  toConfirm: ReadonlySet<string> = new Set(),
): ReportDraft {
  return {
    report,
    raw: {},
    inputs: {},
    guessed: new Set([...guessedCells(report), ...toConfirm]),
    justifications,
    dirty: false,
  };
}

function kindOf(report: AnnualReport, path: string): CellKind {
  return findCell(report.template, path)?.kind ?? 'count';
}

type MutableTables = Record<string, Record<string, Record<string, number | null>>>;

function withCells(report: AnnualReport, values: ReadonlyMap<string, number | null>): AnnualReport {
  const tables = { ...(report.tables as MutableTables) };
  for (const [path, value] of values) {
    const [table = '', row = '', column = ''] = path.split('.');
    const rows = { ...(tables[table] ?? {}) };
    rows[row] = { ...(rows[row] ?? {}), [column]: value };
    tables[table] = rows;
  }
  return { ...report, tables: tables as AnnualReport['tables'] };
}

export function draftReducer(draft: ReportDraft, action: DraftAction): ReportDraft {
  switch (action.type) {
    case 'cells': {
      const raw = { ...draft.raw };
      const inputs = { ...draft.inputs };
      const values = new Map<string, number | null>();
      const guessed = new Set(draft.guessed);
      for (const { path, raw: text } of action.entries) {
        if (!findCell(draft.report.template, path)) continue;
        const parsed = parseCellInput(text, kindOf(draft.report, path));
        raw[path] = text;
        inputs[path] = parsed;
        // Invalid input leaves the cell blank: the form never holds a value the user did not give.
        values.set(path, parsed.ok ? parsed.value : null);
        guessed.delete(path);
      }
      return {
        ...draft,
        report: withCells(draft.report, values),
        raw,
        inputs,
        guessed,
        dirty: true,
      };
    }
    case 'section':
      return {
        ...draft,
        report: {
          ...draft.report,
          sections: {
            ...draft.report.sections,
            [action.key]: action.text === '' ? null : action.text,
          },
        },
        dirty: true,
      };
    case 'staffing':
      return {
        ...draft,
        report: {
          ...draft.report,
          staffing: { ...(draft.report.staffing ?? {}), [action.key]: action.value },
        },
        dirty: true,
      };
    case 'publishedOn':
      return { ...draft, report: { ...draft.report, publishedOn: action.value }, dirty: true };
    case 'justify': {
      const justifications = { ...draft.justifications };
      if (action.text.trim() === '') delete justifications[action.key];
      else justifications[action.key] = action.text;
      return { ...draft, justifications, dirty: true };
    }
    case 'confirm': {
      const guessed = new Set(draft.guessed);
      for (const path of action.paths) guessed.delete(path);
      return { ...draft, guessed };
    }
    case 'settle': {
      const parsed = draft.inputs[action.path];
      if (!parsed?.ok || draft.raw[action.path] === undefined) return draft;
      const raw = { ...draft.raw };
      delete raw[action.path];
      return { ...draft, raw };
    }
    case 'load':
      return createDraft(action.report, action.justifications ?? draft.justifications);
    case 'saved':
      return draft.report === action.report ? { ...draft, dirty: false } : draft;
  }
}

/** Problems that must be fixed before the report can be sent (the server would reject them). */
export type BlockingProblem =
  | { kind: 'cell'; path: string; error: string }
  | { kind: 'section'; key: SectionKey; length: number };

export function blockingProblems(draft: ReportDraft): readonly BlockingProblem[] {
  const problems: BlockingProblem[] = [];
  for (const [path, parsed] of Object.entries(draft.inputs)) {
    if (!parsed.ok) problems.push({ kind: 'cell', path, error: parsed.error });
  }
  for (const [key, text] of Object.entries(draft.report.sections)) {
    if (text && text.length > MAX_SECTION_CHARS) {
      problems.push({ kind: 'section', key: key as SectionKey, length: text.length });
    }
  }
  return problems;
}
