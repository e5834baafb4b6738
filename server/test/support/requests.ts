import type { TestApp } from '../test-app';

/** Raw GraphQL posts with their status and time, output capture, and alias floods. */
export type Raw = { status: number; body: GqlBody; ms: number };
export type GqlBody = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

export async function post(
  app: TestApp,
  query: string,
  variables: object,
  cookie?: string,
): Promise<Raw> {
  const started = performance.now();
  const req = app.http().post('/graphql').set('content-type', 'application/json');
  if (cookie) req.set('cookie', cookie);
  const res = await req.send({ query, variables });
  return { status: res.status, body: res.body as GqlBody, ms: performance.now() - started };
}

/** Everything the process writes to stdout and stderr while `work` runs. */
export async function captureOutput<T>(
  work: () => Promise<T>,
): Promise<{ result: T; lines: string[] }> {
  const written: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  try {
    const result = await work();
    return {
      result,
      lines: written
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
    };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

export const aliases = (n: number, regionId: string, selection = 'year averageScore') =>
  `query { ${Array.from(
    { length: n },
    (_, i) => `a${i}: roundTrend(regionId: "${regionId}", withScores: true) { ${selection} }`,
  ).join(' ')} }`;
