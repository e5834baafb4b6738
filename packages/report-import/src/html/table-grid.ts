export type SpannedCell = {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
};

/**
 * Lays out table rows with rowspan/colspan into a rectangular grid: every position covered by a
 * merged cell holds that cell's text. Row/column spans are clamped to 1…1000.
 */
export function toGrid(rows: readonly (readonly SpannedCell[])[]): string[][] {
  const grid: (string | undefined)[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]?.[c] !== undefined) c += 1;
      const rowSpan = Math.min(Math.max(1, cell.rowSpan), 1000, rows.length - r);
      const colSpan = Math.min(Math.max(1, cell.colSpan), 1000);
      for (let dr = 0; dr < rowSpan; dr += 1) {
        const target = (grid[r + dr] ??= []);
        for (let dc = 0; dc < colSpan; dc += 1) target[c + dc] = cell.text;
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, k) => row[k] ?? ''));
}
