import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionDialog } from './ActionDialog';

const labels = {
  cancelLabel: '取消',
  closeLabel: '关闭',
  describeError: (e: unknown) => `失败：${String((e as Error).message)}`,
};

describe(ActionDialog.name, () => {
  afterEach(() => {
    cleanup();
  });

  it('shows why the action failed and clears it when the user tries again', async () => {
    const onConfirm = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new Error('机构已停用'))
      .mockResolvedValueOnce(undefined);
    render(
      <ActionDialog
        title="停用机构"
        confirmLabel="停用 3 个机构"
        onClose={() => {}}
        onConfirm={onConfirm}
        {...labels}
      >
        <p>内容</p>
      </ActionDialog>,
    );
    expect(screen.getByRole('dialog', { name: '停用机构' })).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '停用 3 个机构' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('失败：机构已停用');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '停用 3 个机构' }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onConfirm).toHaveBeenCalledTimes(2);
  });

  it('keeps the confirming button off while disabled or busy, and Cancel asks the owner to close', () => {
    const onConfirm = vi.fn<() => Promise<void>>().mockResolvedValue(undefined);
    const onClose = vi.fn();
    const { rerender } = render(
      <ActionDialog
        title="移动"
        confirmLabel="移动到"
        disabled
        onClose={onClose}
        onConfirm={onConfirm}
        {...labels}
      >
        <p>内容</p>
      </ActionDialog>,
    );
    const confirm = () => screen.getByRole('button', { name: '移动到' }) as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);
    expect(confirm().getAttribute('data-testid')).toBeNull();
    fireEvent.click(confirm());
    expect(onConfirm).not.toHaveBeenCalled();
    rerender(
      <ActionDialog
        title="移动"
        confirmLabel="移动到"
        busy
        onClose={onClose}
        onConfirm={onConfirm}
        {...labels}
      >
        <p>内容</p>
      </ActionDialog>,
    );
    expect(confirm().disabled).toBe(true);
    rerender(
      <ActionDialog
        title="移动"
        confirmLabel="移动到"
        confirmTestId="confirm-move"
        onClose={onClose}
        onConfirm={onConfirm}
        {...labels}
      >
        <p>内容</p>
      </ActionDialog>,
    );
    expect(confirm().disabled).toBe(false);
    expect(confirm().getAttribute('data-testid')).toBe('confirm-move');
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('hands its content the confirm action, so a form submits with Enter', async () => {
    const onConfirm = vi.fn<() => Promise<void>>().mockResolvedValue(undefined);
    render(
      <ActionDialog
        title="新建"
        confirmLabel="保存"
        onClose={() => {}}
        onConfirm={onConfirm}
        {...labels}
      >
        {(confirm) => (
          <form
            aria-label="表单"
            onSubmit={(e) => {
              e.preventDefault();
              confirm();
            }}
          >
            <input aria-label="名称" />
          </form>
        )}
      </ActionDialog>,
    );
    await act(async () => {
      fireEvent.submit(screen.getByRole('form', { name: '表单' }));
    });
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
