import { useSyncExternalStore } from 'react';

/**
 * The modal dialogs open now, the topmost last. While a modal `<dialog>` is open the rest of the
 * page is inert (neither clickable nor announced), so notices that must stay usable, the toasts,
 * are shown inside the topmost one.
 */
const open: HTMLElement[] = [];
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** Records a modal dialog as open; the returned function records it closed. */
export function enterTopLayer(element: HTMLElement): () => void {
  open.push(element);
  emit();
  return () => {
    const at = open.lastIndexOf(element);
    if (at >= 0) open.splice(at, 1);
    emit();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The topmost open modal dialog, or null. */
export function useTopLayer(): HTMLElement | null {
  return useSyncExternalStore(
    subscribe,
    () => open[open.length - 1] ?? null,
    () => null,
  );
}
