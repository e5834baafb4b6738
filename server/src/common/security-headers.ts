import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response (HTML pages, and API answers too, which never
 * need more than nothing).
 *
 * - Scripts only from this origin, none inline, no `eval`: the Vite build emits
 *   `<script type="module" src="/assets/…">` and `<link rel="modulepreload">` only.
 * - Style sheets only from this origin, and **no** inline `<style>` element. Style
 *   *attributes* are allowed (`style-src-attr 'unsafe-inline'`): ECharts writes its tooltip as
 *   HTML with `style="…"` attributes (and so do our escaped tooltip formatters). React's `style`
 *   props and ECharts' own layout go through CSSOM (`el.style.x = …`), which a CSP does not
 *   govern. A style attribute cannot run script or read the page; the CSS-exfiltration tricks
 *   need selectors, that is a `<style>` element, which stays refused.
 * - `img-src data:` for the empty favicon (`<link rel="icon" href="data:,">`); `blob:` for the
 *   object URLs of downloads.
 * - `frame-ancestors 'none'`: no page may frame this one (clickjacking); X-Frame-Options DENY
 *   says the same to older browsers.
 * - No `upgrade-insecure-requests`: an installation on a LAN may serve plain HTTP.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/** One year; without includeSubDomains (other hosts of a government domain may not do TLS). */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Security headers for every response: the CSP above, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: same-origin` (full referrer to ourselves, which the CSRF check may fall back
 * on; nothing to other sites), `X-Frame-Options: DENY`, the cross-origin isolation headers
 * helmet sets by default, and `Strict-Transport-Security` only on requests that arrived over TLS
 * (`req.secure`: directly, or through a trusted proxy's `X-Forwarded-Proto: https`; see
 * `GONGKAI_TRUST_PROXY`) — over plain HTTP the header is meaningless and would only confuse.
 */
export function securityHeaders(): RequestHandler[] {
  const common = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]]),
      ),
    },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const hsts = helmet.strictTransportSecurity({
    maxAge: HSTS_MAX_AGE_SECONDS,
    includeSubDomains: false,
  });
  const hstsOverTls = (req: Request, res: Response, next: NextFunction): void => {
    if (req.secure) hsts(req, res, next);
    else next();
  };
  return [common, hstsOverTls];
}
