import { resolve } from 'node:path';
import { loadConfig } from '../../config/config';
import {
  BackupError,
  hasData,
  otherServerSessions,
  readBackupHeader,
  restoreBackup,
} from '../../database/backup';
import type { CliCommand } from '../command';
import { openTarget } from './database-target';

/**
 * `gongkai restore <file> [--replace]`: loads a backup into a stopped server's database, migrated
 * to the backup's schema version. A database that already holds data is replaced only with
 * `--replace` (the question asked first); the swap is one transaction.
 */
export const restoreCommand: CliCommand = {
  words: ['restore'],
  usage: 'restore <file> [--replace]',
  summary: "load a backup into the (stopped) server's database",
  async run(args, { io, env }) {
    const replace = args.includes('--replace');
    const rest = args.filter((a) => a !== '--replace');
    const [file, ...extra] = rest;
    if (!file || extra.length > 0 || file.startsWith('-')) {
      io.err('usage: gongkai restore <file> [--replace]\n');
      return 2;
    }
    const path = resolve(file);
    const header = await readBackupHeader(path); // a damaged or foreign file fails before anything starts
    const target = await openTarget(loadConfig(env), {
      purpose: 'restore',
      shareRunning: false,
      migrate: true,
    });
    try {
      if ((await otherServerSessions(target.client)) > 0)
        throw new BackupError(
          `a Gongkai server is connected to ${target.where}; stop it before restoring`,
        );
      if (!replace && (await hasData(target.client)))
        throw new BackupError(
          `${target.where} already holds data; add --replace to replace all of it with the backup of ${header.createdAt}`,
        );
      const { tables } = await restoreBackup(target.client, path);
      const rows = Object.values(tables).reduce((a, b) => a + b, 0);
      io.out(
        `restored ${path} (written ${header.createdAt}) into ${target.where}: ${Object.keys(tables).length} tables, ${rows} rows\n`,
      );
      return 0;
    } finally {
      await target.close();
    }
  },
};
