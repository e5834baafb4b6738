import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../import-error';
import type { SourceDocument } from '../source-document.types';
import { layoutPdf, type PdfPage } from './pdf-layout';
import { PDF_WORKER_SOURCE } from './pdf-worker.source';

export type PdfLimits = {
  /** Most pages read; a longer document is refused before any page is read. */
  readonly maxPages: number;
  /** Longest time for the whole document, in milliseconds. */
  readonly timeoutMs: number;
  /** Heap of the worker thread that reads it, in MB. */
  readonly maxHeapMb: number;
};

/** An annual report runs to 5–30 pages; 300 leaves room for reports bound with their annexes. */
export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 300, timeoutMs: 60_000, maxHeapMb: 512 };

/** True for bytes that start like a PDF (the header may follow a little junk). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function pdfjsPaths(): { moduleUrl: string; cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    moduleUrl: pathToFileURL(join(root, 'legacy', 'build', 'pdf.mjs')).href,
    cMapUrl: `${join(root, 'cmaps')}/`,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
  };
}

type WorkerMessage =
  | { type: 'start'; pages: number }
  | { type: 'page'; page: PdfPage }
  | { type: 'done' }
  | { type: 'error'; name: string; code?: number; message: string };

/**
 * Reads the text layer of a PDF with PDF.js in a worker thread: every page's text items and
 * ruling lines, in page order. Refuses encrypted, malformed and over-long documents with an
 * ImportError; a document that takes longer than the limit is stopped.
 */
export function readPdfPages(
  bytes: Uint8Array,
  file: string,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<PdfPage[]> {
  return withWorkerSlot(() => runWorker(bytes, file, limits));
}

/** At most this many PDFs are read at once per process (each worker may use up to its heap cap). */
export const MAX_CONCURRENT_PDF_READS = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function withWorkerSlot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_PDF_READS) await new Promise<void>((go) => waiting.push(go));
  running += 1;
  try {
    return await task();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function runWorker(bytes: Uint8Array, file: string, limits: PdfLimits): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const pages: PdfPage[] = [];
    let settled = false;
    const worker = new Worker(PDF_WORKER_SOURCE, {
      eval: true,
      // A copy: PDF.js takes ownership of the buffer it is given.
      workerData: { ...pdfjsPaths(), data: new Uint8Array(bytes), maxPages: limits.maxPages },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
      stdout: true,
      stderr: true,
    });
    const finish = (error: ImportError | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(pages);
    };
    const timer = setTimeout(() => {
      finish(
        new ImportError(
          'pdf-timeout',
          `reading the PDF took longer than ${Math.ceil(limits.timeoutMs / 1000)} s and was stopped`,
          { file },
          { seconds: Math.ceil(limits.timeoutMs / 1000) },
        ),
      );
    }, limits.timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') {
        if (message.pages > limits.maxPages)
          finish(
            new ImportError(
              'pdf-too-many-pages',
              `the PDF has ${message.pages} pages, more than the ${limits.maxPages}-page limit`,
              { file },
              { pages: message.pages, limit: limits.maxPages },
            ),
          );
        else if (message.pages === 0)
          finish(new ImportError('corrupt-pdf', 'the PDF has no pages', { file }));
      } else if (message.type === 'page') pages.push(message.page);
      else if (message.type === 'done') finish(null);
      else if (message.name === 'PasswordException')
        finish(
          new ImportError(
            'encrypted-pdf',
            'the PDF is protected by a password: save an unprotected copy and upload that',
            { file },
          ),
        );
      else
        finish(
          new ImportError('corrupt-pdf', `not a readable PDF (${message.message})`, {
            file,
          }),
        );
    });
    worker.on('error', (error: Error & { code?: string }) => {
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ImportError(
              'pdf-too-complex',
              `reading the PDF needed more than ${limits.maxHeapMb} MB of memory and was stopped`,
              { file },
              { megabytes: limits.maxHeapMb },
            )
          : new ImportError('corrupt-pdf', `not a readable PDF (${error.message})`, { file }),
      );
    });
    worker.on('exit', () => {
      // Messages the worker posted before it stopped are handled first.
      setImmediate(() =>
        finish(new ImportError('corrupt-pdf', 'not a readable PDF (the reader stopped)', { file })),
      );
    });
  });
}

/** A PDF's text layer as lines and table rows, ready for the extractor. */
export async function readPdf(
  bytes: Uint8Array,
  file: string,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<SourceDocument> {
  const pages = await readPdfPages(bytes, file, limits);
  // A scan may carry a page number or a stamp as text: fewer than 20 characters a page is no
  // text layer to read a report from.
  const characters = pages.reduce(
    (n, page) => n + page.items.reduce((k, item) => k + item[4].trim().length, 0),
    0,
  );
  const images = pages.reduce((n, page) => n + page.images, 0);
  if (characters === 0 || (images > 0 && characters < pages.length * 20)) {
    throw new ImportError(
      'pdf-no-text',
      images > 0
        ? 'the PDF has no text layer, only images (a scan?): text recognition (OCR) is not done — upload the original .docx, .doc or .wps, or a PDF saved from it'
        : 'the PDF has no text layer: upload the original .docx, .doc or .wps, or a PDF saved from it',
      { file },
    );
  }
  return layoutPdf(pages);
}
