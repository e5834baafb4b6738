import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Tone } from './Badge';
import { useTopLayer } from './top-layer';

type ToastItem = { id: number; tone: Tone; text: string };
type ToastApi = { show: (text: string, tone?: Tone) => void };

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

/** Short notices in a polite live region; errors are announced assertively. */
export function ToastProvider({
  children,
  closeLabel,
  timeoutMs = 5000,
}: {
  children: ReactNode;
  closeLabel: string;
  timeoutMs?: number;
}) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const dismiss = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (text: string, tone: Tone = 'info') => {
      const id = nextId++;
      setItems((xs) => [...xs.slice(-3), { id, tone, text }]);
      setTimeout(() => dismiss(id), timeoutMs);
    },
    [dismiss, timeoutMs],
  );
  const api = useMemo(() => ({ show }), [show]);
  // Inside the topmost modal dialog while one is open: the page behind it is inert.
  const host = useTopLayer();
  const region = (
    <div className="toasts" role="status" aria-live="polite">
      {items.map((item) => (
        <div
          key={item.id}
          className={`toast tone-${item.tone}`}
          role={item.tone === 'error' ? 'alert' : undefined}
        >
          <span>{item.text}</span>
          <button type="button" aria-label={closeLabel} onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      {host ? createPortal(region, host) : region}
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}
