/**
 * The bulk path's checks on a thread of their own (see `BulkCheckThread`): parsing, checking
 * and serialising a batch take most of an ingest's computing, and here they run beside the
 * thread that reads and writes PostgreSQL. Answers each `BulkCheckRequest` message with one
 * `BulkCheckReply` of the same id, in order.
 */
import { parentPort } from 'node:worker_threads';
import { BulkChecker, type CheckOutcome, type CheckRequest, type CorpusEntry } from './bulk-check';

export type BulkCheckBody =
  | { readonly kind: 'start'; readonly year: number }
  | { readonly kind: 'load'; readonly entries: readonly CorpusEntry[] }
  | { readonly kind: 'remove'; readonly organizationIds: readonly string[] }
  | { readonly kind: 'check'; readonly request: CheckRequest };

export type BulkCheckRequest = { readonly id: number } & BulkCheckBody;

export type BulkCheckReply =
  | { readonly id: number; readonly outcome: CheckOutcome | null }
  | { readonly id: number; readonly error: string };

let checker: BulkChecker | null = null;

function answer(message: BulkCheckRequest): CheckOutcome | null {
  if (message.kind === 'start') {
    checker = new BulkChecker(message.year);
    return null;
  }
  if (!checker) throw new Error('the bulk checker was not started');
  if (message.kind === 'load') checker.load(message.entries);
  else if (message.kind === 'remove') checker.remove(message.organizationIds);
  else return checker.check(message.request);
  return null;
}

parentPort?.on('message', (message: BulkCheckRequest) => {
  let reply: BulkCheckReply;
  try {
    reply = { id: message.id, outcome: answer(message) };
  } catch (error) {
    reply = {
      id: message.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort?.postMessage(reply);
});
