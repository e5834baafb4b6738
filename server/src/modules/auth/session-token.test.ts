import { signToken, TokenVerifier, verifyToken } from './session-token';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('TokenVerifier', () => {
  const now = Date.now();
  const token = signToken({ sid: 's1', uid: 'u1', exp: now + 60_000 }, SECRET);

  it('accepts what verifyToken accepts, again and again', () => {
    const verifier = new TokenVerifier(SECRET);
    expect(verifier.verify(token, now)).toEqual(verifyToken(token, SECRET, now));
    expect(verifier.verify(token, now)).toEqual({ sid: 's1', uid: 'u1', exp: now + 60_000 });
  });

  it('refuses a remembered token once it has expired', () => {
    const verifier = new TokenVerifier(SECRET);
    expect(verifier.verify(token, now)).not.toBeNull();
    expect(verifier.verify(token, now + 60_000)).toBeNull();
  });

  it('refuses tokens signed with another secret or altered, and does not remember them', () => {
    const verifier = new TokenVerifier(SECRET);
    const foreign = signToken({ sid: 's1', uid: 'u1', exp: now + 60_000 }, `${SECRET}-other`);
    expect(verifier.verify(foreign, now)).toBeNull();
    expect(verifier.verify(foreign, now)).toBeNull();
    const [v, body, mac] = token.split('.');
    const altered = `${v}.${body}x.${mac}`;
    expect(verifier.verify(altered, now)).toBeNull();
    // a verifier with another secret does not take the first one's word for a token
    expect(new TokenVerifier(`${SECRET}-other`).verify(token, now)).toBeNull();
  });
});
