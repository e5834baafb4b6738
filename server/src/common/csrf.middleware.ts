import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { errorDetails, forbidden, HTTP_STATUS } from './domain-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `scheme://host[:port]` of a URL, or null when it is not an http(s) URL. */
function originOf(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Refuses cross-site writes on cookie-authenticated REST routes (uploads, roster import,
 * exports that log): a request that is not GET/HEAD/OPTIONS, carries the session cookie and is
 * not for `/graphql` must come from a page of this server — its `Origin` (or, when a browser
 * leaves Origin out, its `Referer`) must be the origin the request was addressed to
 * (`req.protocol` + `req.host`, which honour `X-Forwarded-Proto`/`-Host` only from a trusted
 * proxy) or one of `allowedOrigins` (`GONGKAI_ALLOWED_ORIGINS`). Anything else — a foreign
 * origin, `Origin: null` (sandboxed frames, some redirects) or no origin at all — is answered
 * 403 before the route runs, so nothing is parsed, stored or logged.
 *
 * Browsers send `Origin` on every POST, same-origin fetches included, so the app's own pages
 * pass. `/graphql` is left to Apollo's CSRF prevention: it accepts only requests a browser
 * cannot send cross-site without a CORS preflight (JSON bodies or the preflight header), and
 * this server answers no preflight.
 */
export function csrfOriginCheck(options: {
  sessionCookie: string;
  allowedOrigins: readonly string[];
}): RequestHandler {
  const allowed = new Set(options.allowedOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || req.path === '/graphql') return next();
    const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
    if (!cookies[options.sessionCookie]) return next();
    const stated = req.get('origin');
    const source = stated !== undefined ? originOf(stated) : originOf(req.get('referer'));
    const own = originOf(`${req.protocol}://${req.host}`);
    if (source !== null && (source === own || allowed.has(source))) return next();
    const error =
      source === null
        ? forbidden('cross-site request refused: the request names no origin', {
            key: 'csrf.originMissing',
          })
        : forbidden(`cross-site request refused: origin ${source} is not this server`, {
            key: 'csrf.foreignOrigin',
            params: { origin: source },
          });
    const { code, ...details } = errorDetails(error);
    res.status(HTTP_STATUS[error.code]).json({ code, message: error.message, ...details });
  };
}
