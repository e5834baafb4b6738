import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';
import { ToastProvider, useToast } from './Toast';

function Harness({ onClose }: { onClose: () => void }) {
  const [open, setOpen] = useState(false);
  const toast = useToast();
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        打开
      </button>
      <Dialog
        open={open}
        title="删除机构"
        closeLabel="关闭"
        onClose={() => {
          onClose();
          setOpen(false);
        }}
      >
        <button type="button" onClick={() => toast.show('已保存')}>
          保存
        </button>
      </Dialog>
    </>
  );
}

describe(Dialog.name, () => {
  afterEach(() => {
    cleanup();
  });

  it('is a native <dialog> named by its title; Escape asks the owner; focus goes back to the opener', () => {
    const onClose = vi.fn();
    render(
      <ToastProvider closeLabel="关闭">
        <Harness onClose={onClose} />
      </ToastProvider>,
    );
    const opener = screen.getByRole('button', { name: '打开' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: '删除机构' });
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.hasAttribute('open')).toBe(true);

    // Escape on a modal dialog is its `cancel` event
    const cancel = new Event('cancel', { cancelable: true });
    act(() => {
      dialog.dispatchEvent(cancel);
    });
    expect(cancel.defaultPrevented).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('shows toasts inside the open dialog (the page behind it is inert), and in the page again once it closes', () => {
    render(
      <ToastProvider closeLabel="关闭">
        <Harness onClose={() => undefined} />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: '打开' }));
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.querySelector('.toasts')?.textContent).toContain('已保存');

    fireEvent.mouseDown(dialog); // a press on the backdrop
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.querySelector('.toasts')?.textContent).toContain('已保存');
  });
});
