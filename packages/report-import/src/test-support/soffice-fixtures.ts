import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Converts fixture files with LibreOffice headless (installed here and in CI), e.g. HTML to PDF
 * or .doc, into `dir`. HTML is imported by Writer (not Writer/Web), as a typed document prints.
 */
export function sofficeConvert(dir: string, files: readonly string[], target: string): void {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  if (found.status !== 0 || bin === '')
    throw new Error(
      'LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-writer-nogui',
    );
  const run = spawnSync(
    bin,
    [
      '--headless',
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--infilter=HTML (StarWriter)',
      '--convert-to',
      target,
      '--outdir',
      dir,
      ...files,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr || run.stdout}`);
}
