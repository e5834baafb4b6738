/**
 * Builds one score board on a thread of its own (see `BoardBuildWorker`): reading a national
 * round parses ~120,000 reports, and doing that on the server's thread grew its heap to several
 * times what the finished board needs, kept ever after, and blocked requests meanwhile. Here
 * the garbage dies with the thread; only the finished board's buffers are moved back.
 *
 * Talks to its parent by messages: `workerData` is a `BoardWorkerInput`; roster summaries are
 * asked of the parent per chunk (the roster module lives there); the result is one `done` or
 * `failed` message.
 */
import type { RosterSummary } from '@gongkai/scoring';
import { Client } from 'pg';
import { parentPort, workerData } from 'node:worker_threads';
import { boardTransferables, buildBoard, type BoardRequest } from './board-build';

export type BoardWorkerInput = {
  readonly databaseUrl: string;
  readonly request: BoardRequest;
  readonly roster: boolean;
};

/** Messages from the worker. */
export type BoardWorkerMessage =
  | { readonly kind: 'roster'; readonly id: number; readonly organizationIds: readonly string[] }
  | { readonly kind: 'done'; readonly parts: import('./board-build').BoardParts }
  | { readonly kind: 'failed'; readonly message: string; readonly stack?: string };

/** Answers to `roster` messages. */
export type BoardWorkerReply =
  | {
      readonly kind: 'roster';
      readonly id: number;
      readonly summaries: ReadonlyMap<string, RosterSummary>;
    }
  | { readonly kind: 'rosterFailed'; readonly id: number; readonly message: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('board-build.worker must run as a worker thread');
  const input = workerData as BoardWorkerInput;
  const pending = new Map<
    number,
    { resolve: (value: ReadonlyMap<string, RosterSummary>) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  port.on('message', (reply: BoardWorkerReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.kind === 'roster') waiting.resolve(reply.summaries);
    else waiting.reject(new Error(reply.message));
  });
  const roster = input.roster
    ? {
        summaries: (_roundId: string, organizationIds: readonly string[]) =>
          new Promise<ReadonlyMap<string, RosterSummary>>((resolve, reject) => {
            const id = (nextId += 1);
            pending.set(id, { resolve, reject });
            const message: BoardWorkerMessage = { kind: 'roster', id, organizationIds };
            port.postMessage(message);
          }),
      }
    : null;

  const client = new Client({
    connectionString: input.databaseUrl,
    application_name: 'gongkai-scoring',
  });
  try {
    await client.connect();
    const parts = await buildBoard(
      async (sql, parameters) => (await client.query(sql, parameters)).rows as unknown[],
      input.request,
      roster,
    );
    const message: BoardWorkerMessage = { kind: 'done', parts };
    port.postMessage(message, boardTransferables(parts));
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const message: BoardWorkerMessage = {
      kind: 'failed',
      message: failure.message,
      ...(failure.stack ? { stack: failure.stack } : {}),
    };
    port.postMessage(message);
  } finally {
    await client.end().catch(() => undefined);
    port.close();
  }
}

void main();
