#!/usr/bin/env node
import { check, type Finding } from '@gongkai/report-model';
import { checkFolder } from './check-file';
import { readReportFile } from './read-report-file';

const HELP = `gongkai — read and check government information-disclosure annual reports

Usage:
  gongkai parse <file>                                  print the canonical report JSON
  gongkai check <file> [--previous <file>] [--lang zh|en]  run every rule, print findings JSON
  gongkai check-dir <folder>                            read and check every file under a folder,
                                                        one JSON line per file
  gongkai --help                                        this text

Files: .json (canonical), .txt, .html, .docx, .xlsx (template), .pdf (text layer, no OCR), and
.doc, .wps, .rtf, .odt (converted by LibreOffice headless: soffice must be on PATH).

Exit code 0 when the input could be read (findings are data), 2 with a reason on stderr otherwise.
check-dir: 0 when every file was read, 1 when some could not be (their lines say why), 2 when
the folder cannot be read.
`;

export type Io = {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
};

type Parsed = { readonly positional: string[]; readonly options: Map<string, string> };

class UsageError extends Error {}

function parseArgs(args: readonly string[], allowed: readonly string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split('=', 2);
      if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? args[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`--${name} needs a value`);
      if (inline === undefined) i += 1;
      options.set(name, value);
    } else positional.push(arg);
  }
  return { positional, options };
}

function oneFile(parsed: Parsed, command: string, what = 'a file'): string {
  const [file, extra] = parsed.positional;
  if (file === undefined) throw new UsageError(`${command} needs ${what} (try --help)`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return file;
}

function localize(finding: Finding, lang: 'zh' | 'en'): Finding | Omit<Finding, 'messageEn'> {
  if (lang === 'zh') return finding;
  const { messageEn, ...rest } = finding;
  return { ...rest, message: messageEn };
}

async function parseCommand(args: readonly string[], io: Io): Promise<number> {
  const file = oneFile(parseArgs(args, []), 'parse');
  const read = await readReportFile(file);
  if (!read.ok) {
    io.err(`gongkai: ${read.reason}\n`);
    return 2;
  }
  io.out(`${JSON.stringify(read.report, null, 2)}\n`);
  return 0;
}

async function checkCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, ['previous', 'lang']);
  const file = oneFile(parsed, 'check');
  const lang = parsed.options.get('lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en')
    throw new UsageError(`--lang must be zh or en, not "${lang}"`);
  const read = await readReportFile(file);
  if (!read.ok) {
    io.err(`gongkai: ${read.reason}\n`);
    return 2;
  }
  const previousFile = parsed.options.get('previous');
  let previous;
  if (previousFile !== undefined) {
    const prev = await readReportFile(previousFile);
    if (!prev.ok) {
      io.err(`gongkai: --previous ${prev.reason}\n`);
      return 2;
    }
    previous = prev.report;
  }
  const result = check(read.report, { previous });
  const output = {
    report: result.summary,
    findings: result.findings.map((finding) => localize(finding, lang)),
  };
  io.out(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

async function checkDirCommand(args: readonly string[], io: Io): Promise<number> {
  const folder = oneFile(parseArgs(args, []), 'check-dir', 'a folder');
  let failed = 0;
  let files = 0;
  try {
    for await (const record of checkFolder(folder)) {
      files += 1;
      if (!record.ok) failed += 1;
      io.out(`${JSON.stringify(record)}\n`);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'ENOTDIR'
          ? 'not a folder'
          : error instanceof Error
            ? error.message
            : String(error);
    io.err(`gongkai: ${folder}: ${why}\n`);
    return 2;
  }
  io.err(`gongkai: ${files} file(s), ${files - failed} read, ${failed} not\n`);
  return failed > 0 ? 1 : 0;
}

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      io.out(HELP);
      return 0;
    }
    if (command === 'parse') return await parseCommand(rest, io);
    if (command === 'check') return await checkCommand(rest, io);
    if (command === 'check-dir') return await checkDirCommand(rest, io);
    io.err(`gongkai: unknown command "${command}" (try --help)\n`);
    return 2;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`gongkai: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
