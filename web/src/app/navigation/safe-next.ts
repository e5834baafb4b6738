/**
 * The page to return to after signing in, from an untrusted `?next=` value: only a path on this
 * site (`/ranking?round=…#x`). Anything that could leave the site or confuse the router —
 * absolute URLs (`https:…`, `javascript:…`), protocol-relative `//host`, back-slashes that
 * browsers read as `//`, control characters, the sign-in page itself — gives the home page.
 */
export function safeNextPath(raw: string | null | undefined): string {
  const home = '/';
  if (!raw || raw.length > 2048) return home;
  if (!raw.startsWith('/') || raw.startsWith('//')) return home;
  if (raw.includes('\\') || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f'))
    return home;
  let url: URL;
  try {
    url = new URL(raw, 'https://gongkai.invalid');
  } catch {
    return home;
  }
  if (url.origin !== 'https://gongkai.invalid') return home;
  if (url.pathname === '/signin') return home;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in address that comes back to `path` (a path with its query and hash). */
export function signInPathFor(path: string): string {
  const next = safeNextPath(path);
  return next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
}
