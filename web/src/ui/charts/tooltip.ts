// ECharts writes a tooltip formatter's return value into the page as HTML (innerHTML). Names in
// charts come from users (organizations, posts, tables), so every formatter is built here, and
// every piece of text it puts into the markup goes through `escapeHtml`. Axis and legend labels
// are drawn on the canvas and need no escaping.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: `& < > " '` become entities; null and undefined ''. */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A tagged template for tooltip markup: the literal parts are markup written in the code, every
 * `${value}` is escaped. `html\`${name}<br/>${label}: ${n}\``.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce(
    (out, s, i) => out + s + (i < values.length ? escapeHtml(values[i]) : ''),
    '',
  );
}

/** Marks the formatters made here, so a test can tell that a chart uses no hand-made one. */
export const ESCAPING_FORMATTER = Symbol('escaping formatter');

export type EscapingFormatter<P> = ((params: P) => string) & { [ESCAPING_FORMATTER]: true };

/** Wraps a formatter whose markup is built with `html`/`escapeHtml` and marks it as such. */
export function tooltipFormatter<P>(format: (params: P) => string): EscapingFormatter<P> {
  return Object.assign((params: P) => format(params), { [ESCAPING_FORMATTER]: true as const });
}

/** What ECharts passes for one series at the hovered category of an axis tooltip. */
export type AxisTooltipParam = {
  axisValueLabel?: string;
  name?: string;
  seriesName?: string;
  value?: unknown;
  color?: unknown;
};

const marker = (color: unknown): string =>
  typeof color === 'string'
    ? html`<span
        style="display:inline-block;margin-right:4px;border-radius:50%;width:10px;height:10px;background-color:${color}"
      ></span>`
    : '';

/**
 * The formatter of an axis tooltip (`trigger: 'axis'`): the hovered category, then a line per
 * series with its colour, name and value (`format` to show values otherwise; series named in
 * `skip`, such as a waterfall's invisible base, are left out). Everything escaped.
 */
export function axisTooltip(
  options: { format?: (value: unknown) => string; skip?: readonly string[] } = {},
): EscapingFormatter<AxisTooltipParam | AxisTooltipParam[]> {
  const format =
    options.format ?? ((v: unknown) => (v === null || v === undefined ? '-' : String(v)));
  const skip = new Set(options.skip ?? []);
  return tooltipFormatter((params: AxisTooltipParam | AxisTooltipParam[]) => {
    const list = (Array.isArray(params) ? params : [params]).filter(
      (p) => !skip.has(p.seriesName ?? ''),
    );
    const first = list[0];
    if (!first) return '';
    const header = html`<div>${first.axisValueLabel ?? first.name ?? ''}</div>`;
    const lines = list.map(
      (p) =>
        `<div>${marker(p.color)}${html`${p.seriesName ?? ''}: <strong>${format(valueOf(p.value))}</strong>`}</div>`,
    );
    return header + lines.join('');
  });
}

/** The value of a data item: a plain value, or the `value` of an object item. */
function valueOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value
    ? (value as { value: unknown }).value
    : value;
}
