import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { sessionEnded } from './apollo-client';

const answer = (code: string) =>
  new CombinedGraphQLErrors({ errors: [{ message: 'x', extensions: { code } }] });

describe(sessionEnded.name, () => {
  it('is true only when the server says the request is not signed in', () => {
    expect(sessionEnded(answer('UNAUTHENTICATED'))).toBe(true);
    expect(sessionEnded(answer('FORBIDDEN'))).toBe(false);
    expect(sessionEnded(new TypeError('Failed to fetch'))).toBe(false);
  });
});
