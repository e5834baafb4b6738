import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const pg = globalThis.__GONGKAI_PG__;
  if (pg) await pg.stop();
  if (process.env.GONGKAI_TEST_DATA_ROOT) {
    await rm(process.env.GONGKAI_TEST_DATA_ROOT, { recursive: true, force: true });
  }
}
