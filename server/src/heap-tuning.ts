import { setFlagsFromString } from 'node:v8';

/**
 * How much the old generation may grow past what the last full collection kept before the next
 * one runs, in percent.
 *
 * V8 picks this factor itself (up to 4×) from how fast collections are compared with
 * allocation. That suits short scripts. This server keeps a large long-lived heap (a national
 * score board is about 100 MB of objects) and meanwhile streams exports that promote short-lived
 * garbage. Under V8's own factor, old-generation garbage piled up to twice the live heap before
 * anything collected it: the server's RSS during a 120,000-organization export went from about
 * 290 MB to 450 MB. A tighter factor collects sooner at the cost of more, short, full
 * collections. See `modules/scoring/README.md`, "Figures".
 */
export const HEAP_GROWING_PERCENT = 10;

/** Applies the server's garbage-collection settings; call once, first thing at start. */
export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
