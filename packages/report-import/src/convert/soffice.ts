import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportError } from '../import-error';

/** Word-processor formats converted to .docx by LibreOffice before reading. */
export const CONVERTED_FORMATS = ['doc', 'wps', 'rtf', 'odt'] as const;
export type ConvertedFormat = (typeof CONVERTED_FORMATS)[number];

export type ConvertOptions = {
  /** Longest a conversion may take, in milliseconds (default 60 s); then LibreOffice is killed. */
  readonly timeoutMs?: number;
  /** The `soffice` command: a path, or a name looked up on PATH (default `soffice`). */
  readonly command?: string;
  /** PATH to look the command up on (default the process's). */
  readonly path?: string;
};

export const DEFAULT_CONVERT_TIMEOUT_MS = 60_000;

const IMPORT_FILTERS: Readonly<Record<ConvertedFormat, string>> = {
  doc: 'MS Word 97',
  wps: 'MS Word 97',
  rtf: 'Rich Text Format',
  odt: 'writer8',
};

const INSTALL_HINT =
  'install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) so that soffice is on PATH, or save the file as .docx';

/** The executable a command name resolves to on PATH, or null. */
export function findExecutable(command: string, path = process.env.PATH ?? ''): string | null {
  const candidates = command.includes('/')
    ? [command]
    : path
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

// One conversion at a time: LibreOffice takes ~1 s and 200 MB per document, and a 2-core server
// serves people meanwhile. Later calls wait their turn (their timeout starts when they run).
let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Runs a program without a shell in its own process group; the whole group is killed on timeout. */
function run(
  bin: string,
  args: readonly string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; timedOut: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const keep = (chunk: Buffer): void => {
      if (output.length < 4000) output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, timedOut, output: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // soffice may leave a helper process behind in its group; nothing of it is wanted.
      kill();
      resolve({ code, timedOut, output });
    });
  });
}

/**
 * Converts a .doc, .wps, .rtf or .odt file to .docx with LibreOffice headless: its own temporary
 * profile and folder per call (removed afterwards), no shell, one conversion at a time, killed
 * after the timeout. Throws an ImportError naming the format when LibreOffice is missing, cannot
 * open the file or takes too long.
 */
export function convertToDocx(
  bytes: Uint8Array,
  file: string,
  format: ConvertedFormat,
  options: ConvertOptions = {},
): Promise<Uint8Array> {
  const bin = findExecutable(options.command ?? 'soffice', options.path ?? process.env.PATH);
  if (!bin)
    return Promise.reject(
      new ImportError(
        'converter-missing',
        `.${format} files are read by converting them with LibreOffice, which is not installed: ${INSTALL_HINT}`,
        { file },
        { format: `.${format}` },
      ),
    );
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONVERT_TIMEOUT_MS;
  return oneAtATime(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-convert-'));
    try {
      // Kingsoft WPS Writer files are Word binary documents: LibreOffice's Word filter reads them.
      const input = join(dir, `input.${format === 'wps' ? 'doc' : format}`);
      const out = join(dir, 'out');
      await writeFile(input, bytes);
      const env = {
        ...process.env,
        ...(options.path === undefined ? {} : { PATH: options.path }),
        HOME: dir,
      };
      const result = await run(
        bin,
        [
          '--headless',
          '--norestore',
          '--nologo',
          '--nolockcheck',
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          // The import filter is named: a file it cannot read fails instead of being opened
          // as plain text.
          `--infilter=${IMPORT_FILTERS[format]}`,
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          out,
          input,
        ],
        timeoutMs,
        env,
      );
      if (result.timedOut)
        throw new ImportError(
          'conversion-timeout',
          `converting the .${format} file with LibreOffice took longer than ${Math.ceil(timeoutMs / 1000)} s and was stopped`,
          { file },
          { format: `.${format}`, seconds: Math.ceil(timeoutMs / 1000) },
        );
      const produced = await readdir(out).catch(() => [] as string[]);
      const docx = produced.find((name) => name.toLowerCase().endsWith('.docx'));
      if (result.code !== 0 || !docx)
        throw new ImportError(
          'conversion-failed',
          `LibreOffice could not open the .${format} file (damaged, protected by a password, or not really a .${format} file)`,
          { file },
          { format: `.${format}` },
        );
      return new Uint8Array(await readFile(join(out, docx)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
