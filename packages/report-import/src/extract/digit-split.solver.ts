/**
 * Splitting glued digit runs back into cells.
 *
 * Scraped pages often lose the cell borders of a table: `一、本年新收政府信息公开申请数量83001113`
 * is the seven cells 8,3,0,0,1,1,13. A row is described by groups of cells; a group with a total
 * has its last cell equal to the sum of the others (the applications row: six applicant columns
 * and 总计; the 复议/诉讼 row: three groups of four results and a 总计). Numbers never have leading
 * zeros (a zero is the single digit 0). A decimal fraction may only end the run (money cells).
 */

export type RowShape = {
  /** Groups in printed order; `cells` counts the cells of the group including its total. */
  readonly groups: readonly { readonly cells: number; readonly total: boolean }[];
  /** Cells (by index in the run) that may be negative, e.g. 本年增/减; none by default. */
  readonly signed?: readonly boolean[];
  /** Extra condition on a complete candidate (e.g. 历年累计 ≥ 本年度). */
  readonly accept?: (values: readonly number[]) => boolean;
};

export type SplitResult = {
  readonly candidates: readonly (readonly number[])[];
  /** True when the search stopped at `maxCandidates` (more splits may exist). */
  readonly truncated: boolean;
};

const MAX_CELL_CHARS = 12;

export function shapeOf(cells: number, total = false): RowShape {
  return { groups: [{ cells, total }] };
}

const PART = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Every split of `run` (digits, possibly with decimal points for money cells and minus signs for
 * 本年增/减) that fits the shape. A part is a number without leading zeros, with at most one
 * decimal point inside it; a minus sign starts a part. A single space in the run is a boundary
 * the printed text kept (`3 1417`: 3 is one cell, 1417 holds the others): no part crosses it.
 */
export function splitDigitRun(printed: string, shape: RowShape, maxCandidates = 256): SplitResult {
  const trimmed = printed.trim().replace(/\s+/g, ' ');
  const run = trimmed.replace(/ /g, '');
  const boundaries = new Set<number>();
  let offset = 0;
  for (let i = 0; i < trimmed.length; i += 1) {
    if (trimmed[i] === ' ') {
      boundaries.add(i - offset);
      offset += 1;
    }
  }
  if (!/^-?\d[\d.-]*$/.test(run) || /[.-]$/.test(run)) return { candidates: [], truncated: false };
  if (/[.-] /.test(trimmed) || / [.]/.test(trimmed)) return { candidates: [], truncated: false };
  const crosses = (from: number, to: number): boolean => {
    for (let b = from + 1; b < to; b += 1) if (boundaries.has(b)) return true;
    return false;
  };
  const cellCount = shape.groups.reduce((a, g) => a + g.cells, 0);
  // the value of the run's last `len` characters when they can be a number (else -1)
  const suffixValue: number[] = [];
  for (let len = 1; len <= Math.min(MAX_CELL_CHARS, run.length); len += 1) {
    const part = run.slice(run.length - len);
    const valid =
      PART.test(part) &&
      run[run.length - len - 1] !== '.' &&
      !crosses(run.length - len, run.length);
    suffixValue[len] = valid ? Number(part) : -1;
  }
  const candidates: number[][] = [];
  let truncated = false;
  const values: number[] = [];

  const visit = (pos: number, group: number, inGroup: number, groupSum: number): void => {
    if (truncated) return;
    const remainingCells = cellCount - values.length;
    if (remainingCells === 0) {
      if (pos !== run.length) return;
      if (shape.accept && !shape.accept(values)) return;
      candidates.push([...values]);
      if (candidates.length >= maxCandidates) truncated = true;
      return;
    }
    const left = run.length - pos;
    if (left < remainingCells || left > remainingCells * MAX_CELL_CHARS) return;
    const spec = shape.groups[group];
    if (!spec) return;
    if (spec.total && inGroup > 0) {
      // the group's total needs at least the digits of the sum so far
      const needed = remainingCells - 1 + String(Math.round(groupSum)).length;
      if (left < needed) return;
    }
    if (
      spec.total &&
      inGroup === 0 &&
      group === shape.groups.length - 1 &&
      !shape.signed?.some(Boolean)
    ) {
      lastGroup(pos, spec.cells - 1, left);
      return;
    }
    const next = (value: number, len: number): void => {
      values.push(value);
      if (inGroup + 1 === spec.cells) visit(pos + len, group + 1, 0, 0);
      else visit(pos + len, group, inGroup + 1, groupSum + value);
      values.pop();
    };
    if (spec.total && inGroup === spec.cells - 1) {
      const expected = String(Math.round(groupSum * 100) / 100);
      if (
        run.startsWith(expected, pos) &&
        run[pos + expected.length] !== '.' &&
        !crosses(pos, pos + expected.length)
      ) {
        next(Number(expected), expected.length);
      }
      return;
    }
    const maxLen = Math.min(MAX_CELL_CHARS, left - (remainingCells - 1));
    for (let len = 1; len <= maxLen; len += 1) {
      const part = run.slice(pos, pos + len);
      if (run[pos + len] === '.') continue; // a part never ends right before a decimal point
      if (part.lastIndexOf('-') > 0) break; // a minus sign always starts a part
      if (crosses(pos, pos + len)) break; // a printed space always ends a part
      if (part.startsWith('-') && shape.signed?.[values.length] !== true) break;
      if (!PART.test(part)) {
        if (/^-?0\d/.test(part)) break;
        continue;
      }
      next(Number(part), len);
      if (truncated) return;
    }
  };
  /**
   * The last group when it ends with its total: the total is a suffix of the run, so each suffix
   * is tried and the cells before it must add up to it (a partial sum above it ends the branch).
   */
  const lastGroup = (pos: number, free: number, left: number): void => {
    for (let tl = 1; tl <= Math.min(MAX_CELL_CHARS, left - free); tl += 1) {
      const total = suffixValue[tl] ?? -1;
      if (total < 0) continue;
      const end = run.length - tl;
      const fill = (p: number, k: number, sum: number): void => {
        if (truncated) return;
        if (k === free) {
          if (p !== end || Math.abs(Math.round(sum * 100) / 100 - total) > 1e-9) return;
          values.push(total);
          if (!shape.accept || shape.accept(values)) {
            candidates.push([...values]);
            if (candidates.length >= maxCandidates) truncated = true;
          }
          values.pop();
          return;
        }
        const room = Math.min(MAX_CELL_CHARS, end - p - (free - k - 1));
        for (let len = 1; len <= room; len += 1) {
          if (run[p + len] === '.') continue;
          if (crosses(p, p + len)) break;
          const part = run.slice(p, p + len);
          if (part.startsWith('-')) break;
          if (!PART.test(part)) {
            if (/^0\d/.test(part)) break;
            continue;
          }
          const value = Number(part);
          if (sum + value > total + 1e-9) break;
          values.push(value);
          fill(p + len, k + 1, sum + value);
          values.pop();
        }
      };
      fill(pos, 0, 0);
      if (truncated) return;
    }
  };
  visit(0, 0, 0, 0);
  return { candidates, truncated };
}

/** A linear identity between rows, checked column by column: Σ coef·row[c] = 0. */
export type RowIdentity = {
  readonly terms: readonly { readonly row: string; readonly coef: number }[];
};

export type JointSolution = {
  /** Per row: the value of each cell, or null where the solutions disagree. */
  readonly rows: ReadonlyMap<string, readonly (number | null)[]>;
  /** Rows whose split could not be pinned down, with the candidates still possible. */
  readonly ambiguous: ReadonlyMap<string, readonly (readonly number[])[]>;
  /** Number of complete assignments that satisfied every identity (capped). */
  readonly solutionCount: number;
  /** True when the identities held for no assignment and were dropped. */
  readonly identitiesDropped: boolean;
};

/**
 * Chooses one candidate per row so that every identity holds in every column. Rows with one
 * candidate are fixed; the others are searched with backtracking (bounded). Where the surviving
 * assignments agree on a cell, the cell is known; where they disagree it is null and the row is
 * reported ambiguous. When no assignment satisfies the identities (the report's own arithmetic
 * is wrong), identities are dropped and only rows with a single candidate are kept.
 */
export function solveRows(
  rows: ReadonlyMap<string, readonly (readonly number[])[]>,
  identities: readonly RowIdentity[],
  options: { readonly maxSolutions?: number; readonly maxSteps?: number } = {},
): JointSolution {
  const maxSolutions = options.maxSolutions ?? 64;
  const maxSteps = options.maxSteps ?? 200_000;
  const keys = [...rows.keys()].filter((k) => (rows.get(k)?.length ?? 0) > 0);
  const usable = identities.filter((identity) => identity.terms.every((t) => keys.includes(t.row)));
  const parts = components(usable);
  if (parts.length > 1) {
    // independent groups of identities are solved one by one: the search is a sum, not a product
    const merged = {
      rows: new Map<string, (number | null)[]>(),
      ambiguous: new Map<string, readonly (readonly number[])[]>(),
      solutionCount: 1,
      identitiesDropped: false,
    };
    const covered = new Set<string>();
    for (const part of [...parts, []]) {
      const rowKeys =
        part.length > 0
          ? new Set(part.flatMap((i) => i.terms.map((t) => t.row)))
          : new Set(keys.filter((k) => !covered.has(k)));
      rowKeys.forEach((k) => covered.add(k));
      const sub = solveRows(new Map([...rows].filter(([k]) => rowKeys.has(k))), part, options);
      sub.rows.forEach((v, k) => merged.rows.set(k, [...v]));
      sub.ambiguous.forEach((v, k) => merged.ambiguous.set(k, v));
      merged.identitiesDropped ||= sub.identitiesDropped;
    }
    return merged;
  }
  const involved = new Set(usable.flatMap((identity) => identity.terms.map((t) => t.row)));
  // fixed rows first, then the least ambiguous, so identities are checked as early as possible
  const order = keys
    .filter((k) => involved.has(k))
    .sort((a, b) => (rows.get(a)?.length ?? 0) - (rows.get(b)?.length ?? 0));
  const chosen = new Map<string, readonly number[]>();
  const solutions: Map<string, readonly number[]>[] = [];
  let steps = 0;
  let exhausted = false;
  // per row and column, the least and greatest value its candidates allow: an identity whose
  // rows are partly chosen is dropped as soon as the rest cannot make it hold (interval check)
  const bounds = new Map<string, { min: number[]; max: number[] }>();
  for (const key of order) {
    const list = rows.get(key) ?? [];
    const width = Math.max(0, ...list.map((v) => v.length));
    const min = Array.from({ length: width }, (_, c) => Math.min(...list.map((v) => v[c] ?? 0)));
    const max = Array.from({ length: width }, (_, c) => Math.max(...list.map((v) => v[c] ?? 0)));
    bounds.set(key, { min, max });
  }
  const holds = (identity: RowIdentity): boolean => {
    let width = 0;
    for (const t of identity.terms) width = Math.max(width, bounds.get(t.row)?.min.length ?? 0);
    for (let c = 0; c < width; c += 1) {
      let low = 0;
      let high = 0;
      for (const term of identity.terms) {
        const picked = chosen.get(term.row);
        if (picked) {
          low += term.coef * (picked[c] ?? 0);
          high += term.coef * (picked[c] ?? 0);
          continue;
        }
        const b = bounds.get(term.row);
        const a = term.coef * (b?.min[c] ?? 0);
        const z = term.coef * (b?.max[c] ?? 0);
        low += Math.min(a, z);
        high += Math.max(a, z);
      }
      if (low > 1e-6 || high < -1e-6) return false;
    }
    return true;
  };
  const touching = new Map<string, RowIdentity[]>();
  for (const identity of usable) {
    for (const term of identity.terms) {
      touching.set(term.row, [...(touching.get(term.row) ?? []), identity]);
    }
  }
  const search = (index: number): void => {
    if (exhausted) return;
    if (index === order.length) {
      solutions.push(new Map(chosen));
      // with more solutions than we keep, agreement between them proves nothing
      if (solutions.length > maxSolutions) exhausted = true;
      return;
    }
    const key = order[index] ?? '';
    for (const candidate of rows.get(key) ?? []) {
      steps += 1;
      if (steps > maxSteps) {
        exhausted = true;
        return;
      }
      chosen.set(key, candidate);
      if ((touching.get(key) ?? []).every(holds)) search(index + 1);
      chosen.delete(key);
    }
  };
  if (order.length > 0) search(0);
  const independent = (
    key: string,
    into: Map<string, (number | null)[]>,
    ambiguous: Map<string, readonly (readonly number[])[]>,
  ): void => {
    const candidates = rows.get(key) ?? [];
    into.set(key, merge(candidates));
    if (candidates.length > 1) ambiguous.set(key, candidates);
  };
  if (order.length > 0 && (solutions.length === 0 || exhausted)) {
    const result = new Map<string, (number | null)[]>();
    const ambiguous = new Map<string, readonly (readonly number[])[]>();
    for (const key of keys) independent(key, result, ambiguous);
    return { rows: result, ambiguous, solutionCount: 0, identitiesDropped: !exhausted };
  }
  const result = new Map<string, (number | null)[]>();
  const ambiguous = new Map<string, readonly (readonly number[])[]>();
  for (const key of keys) {
    if (!involved.has(key)) {
      independent(key, result, ambiguous);
      continue;
    }
    const seen = uniqueVectors(solutions.map((s) => s.get(key) ?? []));
    result.set(key, merge(seen));
    if (seen.length > 1) ambiguous.set(key, seen);
  }
  return { rows: result, ambiguous, solutionCount: solutions.length, identitiesDropped: false };
}

function uniqueVectors(vectors: readonly (readonly number[])[]): (readonly number[])[] {
  const seen = new Map<string, readonly number[]>();
  for (const v of vectors) seen.set(v.join(','), v);
  return [...seen.values()];
}

/** Cell-wise agreement of candidate vectors: the common value, or null where they differ. */
function merge(candidates: readonly (readonly number[])[]): (number | null)[] {
  const first = candidates[0];
  if (!first) return [];
  return first.map((value, c) => (candidates.every((v) => v[c] === value) ? value : null));
}

/** Identities grouped so that no two groups share a row. */
function components(identities: readonly RowIdentity[]): RowIdentity[][] {
  const groups: { rows: Set<string>; identities: RowIdentity[] }[] = [];
  for (const identity of identities) {
    const rows = new Set(identity.terms.map((t) => t.row));
    const joined = groups.filter((g) => [...rows].some((r) => g.rows.has(r)));
    const group = { rows, identities: [identity] };
    for (const other of joined) {
      other.rows.forEach((r) => group.rows.add(r));
      group.identities.push(...other.identities);
      groups.splice(groups.indexOf(other), 1);
    }
    groups.push(group);
  }
  return groups.map((g) => g.identities);
}
