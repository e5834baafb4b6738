import type { Io } from '@gongkai/cli';

/** What a command gets besides its arguments. */
export type CliContext = {
  readonly io: Io;
  /** The environment to configure from (the server's variables: DATABASE_URL, GONGKAI_DATA_DIR, …). */
  readonly env: NodeJS.ProcessEnv;
  /** All of standard input, as text. */
  readonly readStdin: () => Promise<string>;
};

/** A server-side command: `words` are matched against the start of the command line. */
export type CliCommand = {
  readonly words: readonly string[];
  readonly usage: string;
  readonly summary: string;
  /** Returns the exit code: 0, or 2 after writing a one-line reason to stderr. */
  run(args: readonly string[], context: CliContext): Promise<number>;
};

/** A mistake on the command line or in its input: exit code 2 with this one line. */
export class CliError extends Error {}

export type ParsedArgs = {
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
};

/** `--name value`, `--name=value` and bare `--flag`s; anything unknown is a CliError. */
export function parseArgs(
  args: readonly string[],
  spec: { options: readonly string[]; flags: readonly string[] },
): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq !== -1) throw new CliError(`--${name} takes no value`);
      flags.add(name);
    } else if (spec.options.includes(name)) {
      const value = eq === -1 ? args[i + 1] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--')))
        throw new CliError(`--${name} needs a value`);
      if (eq === -1) i += 1;
      options.set(name, value);
    } else throw new CliError(`unknown option --${name}`);
  }
  return { positional, options, flags };
}
