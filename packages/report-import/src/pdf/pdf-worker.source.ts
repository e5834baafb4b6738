/**
 * The code of the worker thread that runs PDF.js (`pdfjs-dist`, ESM only) on one document. It is
 * a string run with `new Worker(code, { eval: true })`, so it loads the ESM build with a native
 * `import()` in the worker — the same way from the compiled server, the CLI and jest (whose own
 * module system cannot load ESM) — and so a runaway document can be stopped by terminating the
 * worker, with its heap capped by `resourceLimits`.
 *
 * Messages to the parent: `{ type: 'start', pages }`, one `{ type: 'page', page }` per page
 * (text items `[x, y, width, fontSize, text]` and ruling segments `[x1, y1, x2, y2]` in page
 * points, origin bottom-left), then `{ type: 'done' }`, or `{ type: 'error', name, message }`.
 */
export const PDF_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');

function multiply(m, n) {
  return [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}
function apply(m, x, y) {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function segmentsOf(OPS, ops, view) {
  const out = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  let images = 0;
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i += 1) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() || [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(ctm, args);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = multiply(ctm, Array.from(args[0]));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() || [1, 0, 0, 1, 0, 0];
    else if (
      fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject ||
      fn === OPS.paintImageMaskXObject || fn === OPS.paintImageXObjectRepeat ||
      fn === OPS.paintInlineImageXObjectGroup || fn === OPS.paintImageMaskXObjectGroup
    ) images += 1;
    else if (fn === OPS.constructPath) {
      const paint = args[0];
      const data = args[1] && args[1][0];
      if (!data || paint === OPS.endPath) continue;
      const stroke = paint !== OPS.fill && paint !== OPS.eoFill;
      // Sub-paths: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6 numbers, 3 quadraticCurveTo 4, 4 close.
      let points = [];
      const flush = (closed) => {
        if (points.length >= 2) {
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          const w = Math.max(...xs) - Math.min(...xs);
          const h = Math.max(...ys) - Math.min(...ys);
          if (!stroke) {
            // A thin filled rectangle is a rule; a large one is shading, not a border.
            if (h <= 3 && w > 3) out.push([Math.min(...xs), (Math.min(...ys) + Math.max(...ys)) / 2, Math.max(...xs), (Math.min(...ys) + Math.max(...ys)) / 2]);
            else if (w <= 3 && h > 3) out.push([(Math.min(...xs) + Math.max(...xs)) / 2, Math.min(...ys), (Math.min(...xs) + Math.max(...xs)) / 2, Math.max(...ys)]);
          } else {
            const ring = closed ? points.concat([points[0]]) : points;
            for (let k = 1; k < ring.length; k += 1) out.push([ring[k - 1][0], ring[k - 1][1], ring[k][0], ring[k][1]]);
          }
        }
        points = [];
      };
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) { flush(false); points.push(apply(ctm, data[k + 1], data[k + 2])); k += 3; }
        else if (op === 1) { points.push(apply(ctm, data[k + 1], data[k + 2])); k += 3; }
        else if (op === 2) { points = []; k += 7; }
        else if (op === 3) { points = []; k += 5; }
        else if (op === 4) { flush(true); k += 1; }
        else break;
      }
      flush(false);
    }
  }
  const segments = [];
  for (const s of out) {
    const x1 = s[0] - view[0], y1 = s[1] - view[1], x2 = s[2] - view[0], y2 = s[3] - view[1];
    const horizontal = Math.abs(y1 - y2) < 1 && Math.abs(x1 - x2) > 2;
    const vertical = Math.abs(x1 - x2) < 1 && Math.abs(y1 - y2) > 2;
    if (horizontal || vertical) segments.push([Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]);
  }
  return { segments, images };
}

async function run() {
  const pdfjs = await import(workerData.moduleUrl);
  const task = pdfjs.getDocument({
    data: workerData.data,
    cMapUrl: workerData.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: workerData.standardFontDataUrl,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  parentPort.postMessage({ type: 'start', pages: doc.numPages });
  if (doc.numPages > workerData.maxPages) {
    await doc.destroy();
    return;
  }
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const view = page.view;
    const content = await page.getTextContent({ disableNormalization: false });
    const items = [];
    for (const item of content.items) {
      if (typeof item.str !== 'string' || item.str.trim() === '') continue;
      const t = item.transform;
      const size = Math.hypot(t[2], t[3]) || item.height || 10;
      items.push([t[4] - view[0], t[5] - view[1], item.width, size, item.str]);
    }
    const ops = await page.getOperatorList();
    const { segments, images } = segmentsOf(pdfjs.OPS, ops, view);
    parentPort.postMessage({
      type: 'page',
      page: { number: n, width: view[2] - view[0], height: view[3] - view[1], items, segments, images },
    });
    page.cleanup();
  }
  await doc.destroy();
}

run().then(
  () => parentPort.postMessage({ type: 'done' }),
  (error) => parentPort.postMessage({
    type: 'error',
    name: (error && error.name) || 'Error',
    code: error && error.code,
    message: String((error && error.message) || error),
  }),
);
`;
