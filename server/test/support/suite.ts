import { createTestApp, type TestApp } from '../test-app';
import { buildWorld, type World } from './world';

type AppOptions = Parameters<typeof createTestApp>[0];

/**
 * Boots the application on a fresh database before the enclosing describe block's tests, builds
 * what the block needs on it, and closes the app after the tests; `set` receives both (assign
 * them to the block's own variables).
 */
export function useAppWith<T>(
  build: (app: TestApp) => Promise<T>,
  set: (app: TestApp, built: T) => void,
  options?: AppOptions & { timeout?: number },
): void {
  const { timeout, ...appOptions } = options ?? {};
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(appOptions);
    set(app, await build(app));
  }, timeout);
  afterAll(() => app?.close());
}

/** The app alone. */
export const useApp = (set: (app: TestApp) => void, options?: AppOptions) =>
  useAppWith(async () => undefined, set, options);

/** The app with the small test city of `buildWorld`. */
export const useWorld = (set: (app: TestApp, w: World) => void, options?: AppOptions) =>
  useAppWith(buildWorld, set, options);
