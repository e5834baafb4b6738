import type { Response } from 'supertest';
import type { TestApp } from '../test-app';
import type { GqlResult } from './world';

/** supertest parser that keeps a binary body (a spreadsheet, a zip) as one Buffer. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The reason key of a GraphQL answer's first error. */
export const reasonOf = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.reason;
/** The parameters of a GraphQL answer's first error. */
export const paramsOf = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.params;

/** How many rows a table holds now. */
export async function count(app: TestApp, table: string): Promise<number> {
  const rows: { n: string }[] = await app.dataSource.query(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}
