import type { CliCommand } from './command';
import { backupCommand } from './commands/backup.command';
import { restoreCommand } from './commands/restore.command';
import { seedCommand } from './commands/seed.command';
import { userAddCommand } from './commands/user-add.command';

/**
 * The server's commands, tried in order before the report commands of `@gongkai/cli`
 * (`parse`, `check`). One file per command in `commands/`; add new ones to this list.
 */
export const COMMANDS: readonly CliCommand[] = [
  userAddCommand,
  backupCommand,
  restoreCommand,
  seedCommand,
];
