import type { TestApp } from '../test-app';
import { databaseDigest } from './world';

/**
 * The account administration calls the accounts tests make, on the app and admin cookie the
 * suite's `beforeAll` sets up (hence getters).
 */
export function accountCalls(app: () => TestApp, admin: () => string) {
  /** Runs the work and checks that no application table and no handout changed. */
  async function unchanged<T>(work: () => Promise<T>): Promise<T> {
    const count = async () =>
      (await app().dataSource.query('SELECT count(*)::int AS n FROM account_handouts'))[0].n;
    const before = [await databaseDigest(app()), await count()];
    const result = await work();
    expect([await databaseDigest(app()), await count()]).toEqual(before);
    return result;
  }

  const createUser = (input: Record<string, unknown>, cookie = admin()) =>
    app().graphql<{
      createUser: {
        user: { id: string; mustChangePassword: boolean };
        oneTimePassword: string | null;
      };
    }>(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id mustChangePassword } oneTimePassword } }',
      { i: input },
      cookie,
    );

  const meOf = (cookie: string) =>
    app().graphql<{ me: { mustChangePassword: boolean; user: { username: string } } | null }>(
      '{ me { mustChangePassword user { username } } }',
      {},
      cookie,
    );

  const changeOwn = (cookie: string, currentPassword: string, newPassword: string) =>
    app().graphql<{ changeOwnPassword: { mustChangePassword: boolean } }>(
      'mutation($i: ChangeOwnPasswordInput!) { changeOwnPassword(input: $i) { mustChangePassword } }',
      { i: { currentPassword, newPassword } },
      cookie,
    );
  return { unchanged, createUser, meOf, changeOwn };
}
