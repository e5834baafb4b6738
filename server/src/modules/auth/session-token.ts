import { createHmac, timingSafeEqual } from 'node:crypto';
import { LruCache } from '../../common/lru-cache';

export const SESSION_COOKIE = 'gongkai_session';

export type TokenPayload = { sid: string; uid: string; exp: number };

/** `v1.<payload>.<HMAC-SHA256>`, base64url: short-lived, names a revocable session row. */
export function signToken(payload: TokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', secret).update(`v1.${body}`).digest('base64url');
  return `v1.${body}.${mac}`;
}

/** The payload when the signature is right and the token has not expired; null otherwise. */
export function verifyToken(token: string, secret: string, now = Date.now()): TokenPayload | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return null;
  const [, body, mac] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`v1.${body}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    if (typeof payload.sid !== 'string' || typeof payload.uid !== 'string') return null;
    if (typeof payload.exp !== 'number' || payload.exp <= now) return null;
    return payload;
  } catch {
    return null;
  }
}

/**
 * `verifyToken` that remembers the tokens whose signature it has checked: every request of a
 * session carries the same token, and the signature is a pure function of the token and the
 * secret. The expiry is still compared with the clock on every call, and whether the session is
 * revoked is not a property of the token (the caller reads the session row every time).
 */
export class TokenVerifier {
  private readonly verified = new LruCache<string, TokenPayload>({ maxEntries: 10_000 });

  constructor(private readonly secret: string) {}

  verify(token: string, now = Date.now()): TokenPayload | null {
    const known = this.verified.get(token);
    if (known) return known.exp > now ? known : null;
    const payload = verifyToken(token, this.secret, now);
    if (payload) this.verified.set(token, payload);
    return payload;
  }
}
