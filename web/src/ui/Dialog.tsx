import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { enterTopLayer } from './top-layer';

type Props = {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  closeLabel: string;
};

/**
 * A modal dialog on the native `<dialog>` element, opened with `showModal()`: the browser moves
 * focus into it, keeps Tab inside (the page behind is inert) and shows the backdrop. Escape (the
 * `cancel` event) and a click on the backdrop ask the owner to close through `onClose`, which
 * decides; on close, focus goes back to the element that had it before.
 */
export function Dialog({ open, title, onClose, children, footer, closeLabel }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  const closing = useRef(false);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  // A layout effect, so that the dialog is closed (and focus returned) before React removes it.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!open || !el) return;
    const opener = document.activeElement as HTMLElement | null;
    closing.current = false;
    // jsdom (the unit tests' DOM) has no showModal: there the dialog is only shown.
    if (typeof el.showModal === 'function') el.showModal();
    else el.setAttribute('open', '');
    const leave = enterTopLayer(el);
    return () => {
      closing.current = true;
      leave();
      if (typeof el.close === 'function' && el.open) el.close();
      opener?.focus?.();
    };
  }, [open]);

  if (!open) return null;
  return createPortal(
    <dialog
      ref={ref}
      className="dialog"
      // implicit on <dialog>; written out for selectors and tools that read the attribute
      role="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: the owner closes (or keeps it open while something is under way)
        e.preventDefault();
        closeRef.current();
      }}
      onClose={() => {
        // closed by the browser itself (a repeated Escape), not by the owner: tell the owner
        if (!closing.current) closeRef.current();
      }}
      // The dialog's own box is the backdrop's target: its content fills it.
      onMouseDown={(e) => e.target === e.currentTarget && closeRef.current()}
    >
      <div className="dialog-box">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close" aria-label={closeLabel} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </dialog>,
    document.body,
  );
}
