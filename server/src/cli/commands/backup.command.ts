import { resolve } from 'node:path';
import { loadConfig } from '../../config/config';
import { writeBackup } from '../../database/backup';
import type { CliCommand } from '../command';
import { openTarget } from './database-target';

/** `gongkai backup <file>`: a consistent logical backup, while the server runs or not. */
export const backupCommand: CliCommand = {
  words: ['backup'],
  usage: 'backup <file>',
  summary: 'write the database to a backup file (the server may run)',
  async run(args, { io, env }) {
    const [file, ...extra] = args;
    if (!file || extra.length > 0 || file.startsWith('-')) {
      io.err('usage: gongkai backup <file>\n');
      return 2;
    }
    const target = await openTarget(loadConfig(env), {
      purpose: 'backup',
      shareRunning: true,
      migrate: false,
    });
    try {
      const path = resolve(file);
      const { tables } = await writeBackup(target.client, path);
      const rows = Object.values(tables).reduce((a, b) => a + b, 0);
      io.out(
        `backed up ${target.where}: ${Object.keys(tables).length} tables, ${rows} rows → ${path}\n`,
      );
      return 0;
    } finally {
      await target.close();
    }
  },
};
