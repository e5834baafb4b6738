import { type LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;
const QUIET_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'GraphQLModule',
]);

/** Longest message or stack kept in a log line (characters); the rest is cut with a note. */
export const MAX_LOG_FIELD = 4096;
/** No log line is longer than this (characters, before the newline). */
export const MAX_LOG_LINE = 16384;

/** A string cut to `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

/** Any value as something JSON.stringify writes in bounded size (never throws). */
function bounded(value: unknown, max: number): unknown {
  if (typeof value === 'string') return truncate(value, max);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Error) return truncate(value.message, max);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return truncate(String(value), max);
  return json.length <= max ? (JSON.parse(json) as unknown) : truncate(json, max);
}

/**
 * Structured logs: one JSON object per line on stdout (errors on stderr). Every line parses as
 * JSON and stays small whatever is logged: messages and stacks are cut at a few KB (a request
 * can carry megabytes; its log line must not).
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: LogLevel = 'info') {}

  /** The line `write` prints (without the newline). */
  format(
    level: LogLevel,
    message: unknown,
    context?: string,
    extra?: Record<string, unknown>,
  ): string {
    const fields: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      ...(context ? { context: truncate(context, 200) } : {}),
      msg: bounded(message, MAX_LOG_FIELD),
    };
    for (const [key, value] of Object.entries(extra ?? {}))
      if (!(key in fields)) fields[key] = bounded(value, MAX_LOG_FIELD);
    const line = JSON.stringify(fields);
    if (line.length <= MAX_LOG_LINE) return line;
    // Many fields, each under the limit: keep the message, drop the rest.
    return JSON.stringify({
      time: fields.time,
      level,
      ...(context ? { context: fields.context } : {}),
      msg: bounded(message, MAX_LOG_FIELD),
      truncated: true,
    });
  }

  write(
    level: LogLevel,
    message: unknown,
    context?: string,
    extra?: Record<string, unknown>,
  ): void {
    if (LEVELS[level] < LEVELS[this.minLevel]) return;
    const line = this.format(level, message, context, extra);
    (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
  }

  log(message: unknown, context?: string): void {
    // Nest's own wiring messages are only interesting when debugging.
    this.write(
      context !== undefined && QUIET_CONTEXTS.has(context) ? 'debug' : 'info',
      message,
      context,
    );
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const ctx = context ?? stackOrContext;
    const stack = context !== undefined ? stackOrContext : undefined;
    this.write('error', message, ctx, stack ? { stack } : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
}
