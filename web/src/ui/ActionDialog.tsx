import { type ReactNode, useState } from 'react';
import { Button, type ButtonVariant } from './Button';
import { Dialog } from './Dialog';

type Props = {
  title: string;
  /** The confirming button's label (names what happens, and to how many). */
  confirmLabel: string;
  cancelLabel: string;
  closeLabel: string;
  confirmVariant?: ButtonVariant;
  busy?: boolean;
  /** The confirming button cannot be pressed (nothing chosen yet, or the action is refused). */
  disabled?: boolean;
  /** `data-testid` of the confirming button. */
  confirmTestId?: string;
  onClose: () => void;
  /** Does the action; a thrown error is shown in the dialog through `describeError`. */
  onConfirm: () => Promise<void>;
  describeError: (error: unknown) => string;
  /** The dialog's content; a function gets `confirm` (for a form's Enter key). */
  children: ReactNode | ((confirm: () => void) => ReactNode);
};

/**
 * An open dialog that asks before one action: its content, Cancel and a confirming button, and
 * the error of a failed attempt under the content (cleared when the user tries again).
 */
export function ActionDialog({
  title,
  confirmLabel,
  cancelLabel,
  closeLabel,
  confirmVariant = 'primary',
  busy = false,
  disabled = false,
  confirmTestId,
  onClose,
  onConfirm,
  describeError,
  children,
}: Props) {
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setError(null);
    onConfirm().catch((e: unknown) => setError(describeError(e)));
  };
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      closeLabel={closeLabel}
      footer={
        <>
          <Button onClick={onClose}>{cancelLabel}</Button>
          <Button
            variant={confirmVariant}
            busy={busy}
            disabled={disabled}
            onClick={confirm}
            data-testid={confirmTestId}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {typeof children === 'function' ? children(confirm) : children}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
