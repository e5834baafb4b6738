import type { PdfItem, PdfPage } from './pdf-layout';

/**
 * Ruled tables of a PDF page (crossing horizontal and vertical rules, as grids of cells), and the
 * blocks a page is cut into: tables and printed lines.
 */

/** Points: rules closer than this are the same rule; a rule this far past a text still holds it. */
export const TOLERANCE = 2;

export type Rule = { at: number; from: number; to: number };

export type GridCell = { row: number; col: number; texts: PdfItem[] };

export type Table = {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Column boundaries, left to right. */
  xs: number[];
  rows: GridCell[][];
};

/** `margin`: the right edge of the column the line is in (where a wrapped line ends). */
export type Line = { top: number; items: PdfItem[]; margin: number };

export type Block =
  { kind: 'table'; top: number; table: Table } | { kind: 'line'; top: number; line: Line };

export function mergeRules(rules: Rule[]): Rule[] {
  const sorted = [...rules].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Rule[] = [];
  for (const rule of sorted) {
    const last = out.find(
      (r) => Math.abs(r.at - rule.at) <= TOLERANCE && rule.from <= r.to + TOLERANCE,
    );
    if (last && rule.from <= last.to + TOLERANCE && rule.to >= last.from - TOLERANCE) {
      last.from = Math.min(last.from, rule.from);
      last.to = Math.max(last.to, rule.to);
    } else out.push({ ...rule });
  }
  return out;
}

export function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || v - last > TOLERANCE) out.push(v);
  }
  return out;
}

export function touches(h: Rule, v: Rule): boolean {
  return (
    v.at >= h.from - TOLERANCE &&
    v.at <= h.to + TOLERANCE &&
    h.at >= v.from - TOLERANCE &&
    h.at <= v.to + TOLERANCE
  );
}

/** Ruled tables: groups of crossing horizontal and vertical rules, as grids of cells. */
export function findTables(page: PdfPage): Table[] {
  const hs = mergeRules(
    page.segments.filter((s) => s[3] - s[1] < 1).map((s) => ({ at: s[1], from: s[0], to: s[2] })),
  );
  const vs = mergeRules(
    page.segments.filter((s) => s[2] - s[0] < 1).map((s) => ({ at: s[0], from: s[1], to: s[3] })),
  );
  // Union-find over rules: 0..hs-1 horizontal, then vertical.
  const parent = [...hs, ...vs].map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (touches(h, v)) parent[find(i)] = find(hs.length + j);
    }),
  );
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  hs.forEach((h, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    g.h.push(h);
    groups.set(find(i), g);
  });
  vs.forEach((v, j) => {
    const g = groups.get(find(hs.length + j)) ?? { h: [], v: [] };
    g.v.push(v);
    groups.set(find(hs.length + j), g);
  });
  const tables: Table[] = [];
  for (const { h, v } of groups.values()) {
    const ys = cluster(h.map((r) => r.at)).reverse(); // top to bottom
    const xs = cluster(v.map((r) => r.at));
    if (ys.length < 2 || xs.length < 2) continue;
    const hasV = (x: number, yTop: number, yBottom: number): boolean => {
      const mid = (yTop + yBottom) / 2;
      return v.some((r) => Math.abs(r.at - x) <= TOLERANCE && r.from <= mid && r.to >= mid);
    };
    const hasH = (y: number, xLeft: number, xRight: number): boolean => {
      const mid = (xLeft + xRight) / 2;
      return h.some((r) => Math.abs(r.at - y) <= TOLERANCE && r.from <= mid && r.to >= mid);
    };
    const nRows = ys.length - 1;
    const nCols = xs.length - 1;
    const owner: (GridCell | null)[][] = Array.from({ length: nRows }, () =>
      Array.from({ length: nCols }, () => null),
    );
    const rows: GridCell[][] = Array.from({ length: nRows }, () => []);
    for (let r = 0; r < nRows; r += 1) {
      for (let c = 0; c < nCols; c += 1) {
        if (owner[r]![c]) continue;
        const cell: GridCell = { row: r, col: c, texts: [] };
        let colEnd = c + 1;
        while (colEnd < nCols && !hasV(xs[colEnd]!, ys[r]!, ys[r + 1]!)) colEnd += 1;
        let rowEnd = r + 1;
        while (rowEnd < nRows && !hasH(ys[rowEnd]!, xs[c]!, xs[c + 1]!)) rowEnd += 1;
        for (let rr = r; rr < rowEnd; rr += 1)
          for (let cc = c; cc < colEnd; cc += 1) owner[rr]![cc] = cell;
        rows[r]!.push(cell);
      }
    }
    const table: Table = {
      top: ys[0]!,
      bottom: ys[ys.length - 1]!,
      left: xs[0]!,
      right: xs[xs.length - 1]!,
      xs,
      rows,
    };
    // Text inside the grid goes to the cell under its middle.
    const cellAt = (x: number, y: number): GridCell | null => {
      const col = xs.findIndex((left, k) => k < nCols && x >= left && x < xs[k + 1]!);
      const row = ys.findIndex((top, k) => k < nRows && y <= top && y > ys[k + 1]!);
      return col < 0 || row < 0 ? null : owner[row]![col]!;
    };
    (table as Table & { cellAt: typeof cellAt }).cellAt = cellAt;
    tables.push(table);
  }
  return tables.sort((a, b) => b.top - a.top);
}
