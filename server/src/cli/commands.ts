import { backupCommand } from './commands/backup.command';
import { restoreCommand } from './commands/restore.command';

/** Where a command writes: data to `out`, messages to `err`. */
export type Io = {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
};

/** A server-side command of `pnpm gongkai`; `run` returns the exit code. */
export type Command = {
  readonly name: string;
  readonly summary: string;
  run(args: readonly string[], io: Io): Promise<number>;
};

/** Commands that need the server's code (database, migrations); the rest go to `@gongkai/cli`. */
export const COMMANDS: readonly Command[] = [backupCommand, restoreCommand];
