/**
 * The username of a bureau account made from its organization's code: lower case, letters,
 * digits, dots, dashes and underscores only (anything else becomes a dash), at least three
 * characters (`org-` in front of shorter ones). When it is taken, `-2`, `-3`, … is appended —
 * the first free one, so the same database state always gives the same names.
 */
export function bureauUsername(code: string, taken: (candidate: string) => boolean): string {
  let base = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 90);
  if (base.length < 3) base = `org-${base || 'x'}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
