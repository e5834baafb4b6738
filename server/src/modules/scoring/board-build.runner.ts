import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { BoardParts } from './board-build';
import type { BoardWorkerInput, BoardWorkerMessage, BoardWorkerReply } from './board-build.worker';
import type { RosterSummaryProvider } from './scoring-source.reader';

/**
 * The worker's script: the compiled file next to this one; when the server runs from its
 * TypeScript sources (its tests), the same source file compiled as it loads
 * (`test/register-ts.cjs`, which does what the tests' transform does).
 */
function workerEntry(): { filename: string; options: WorkerOptions } {
  if (__filename.endsWith('.js')) {
    return { filename: join(__dirname, 'board-build.worker.js'), options: {} };
  }
  const register = join(__dirname, '..', '..', '..', 'test', 'register-ts.cjs');
  const source = join(__dirname, 'board-build.worker.ts');
  return {
    filename: `require(${JSON.stringify(register)}); require(${JSON.stringify(source)});`,
    options: { eval: true },
  };
}

/**
 * Old-generation limit of the worker's heap, in MB. A national round (120,000 reports) peaks
 * well under 400 MB; the limit keeps a runaway build from taking the whole server down: the
 * thread is stopped and the request that asked for the board gets an error.
 */
export const BOARD_WORKER_HEAP_MB = 1536;

/**
 * Builds a board on a worker thread (`board-build.worker.ts`) and resolves with its parts;
 * answers the worker's roster questions with `roster`. Rejects with the worker's own error
 * when the build fails, with an error naming the limit when it runs out of memory, and when the
 * thread stops without an answer.
 */
export function buildBoardInWorker(
  input: BoardWorkerInput,
  roster: Pick<RosterSummaryProvider, 'summaries'> | null,
  heapMb = BOARD_WORKER_HEAP_MB,
): Promise<BoardParts> {
  const { filename, options } = workerEntry();
  return new Promise<BoardParts>((resolve, reject) => {
    const worker = new Worker(filename, {
      ...options,
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (message: BoardWorkerMessage) => {
      if (message.kind === 'roster') {
        const reply = (answer: BoardWorkerReply): void => worker.postMessage(answer);
        if (!roster) {
          reply({ kind: 'rosterFailed', id: message.id, message: 'no roster provider' });
          return;
        }
        roster.summaries(input.request.round.id, message.organizationIds).then(
          (summaries) => reply({ kind: 'roster', id: message.id, summaries }),
          (error: unknown) =>
            reply({
              kind: 'rosterFailed',
              id: message.id,
              message: error instanceof Error ? error.message : String(error),
            }),
        );
      } else if (message.kind === 'done') {
        settle(() => resolve(message.parts));
      } else {
        const error = new Error(message.message);
        if (message.stack) error.stack = message.stack;
        settle(() => reject(error));
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new Error(
                `building the score board of round ${input.request.round.id} needed more than ${heapMb} MB of memory; the build was stopped`,
              )
            : error,
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`the score-board worker stopped (exit code ${code}) before finishing`)),
      ),
    );
  });
}
