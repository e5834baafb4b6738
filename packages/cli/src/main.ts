#!/usr/bin/env node
const HELP = `gongkai — read and check government information-disclosure annual reports

Usage:
  gongkai parse <file>                                  print the canonical report JSON
  gongkai check <file> [--previous <file>] [--lang zh|en]  run every rule, print findings JSON
  gongkai --help                                        this text
`;

function main(argv: readonly string[]): number {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  process.stderr.write(`gongkai: unknown command "${command}" (try --help)\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
