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
 * Builds a board on a worker thread (`board-build.worker.ts`) and resolves with its parts;
 * answers the worker's roster questions with `roster`. Rejects with the worker's own error
 * when the build fails, and when the thread stops without an answer.
 */
export function buildBoardInWorker(
  input: BoardWorkerInput,
  roster: Pick<RosterSummaryProvider, 'summaries'> | null,
): Promise<BoardParts> {
  const { filename, options } = workerEntry();
  return new Promise<BoardParts>((resolve, reject) => {
    const worker = new Worker(filename, { ...options, workerData: input });
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
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`the score-board worker stopped (exit code ${code}) before finishing`)),
      ),
    );
  });
}
