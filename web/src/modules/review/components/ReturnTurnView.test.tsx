import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../app/i18n';
import type { ReturnTurnFragment } from '../../../generated/graphql';
import { ReturnTurnView } from './ReturnTurnView';

const comment = (
  id: string,
  cell: string | null,
  resolution: 'CHANGED' | 'MARKED' | null,
): ReturnTurnFragment['comments'][number] => ({
  id,
  cell,
  body: `意见${id}`,
  createdAt: '2026-01-26T06:33:00Z',
  versionId: 'v1',
  authorId: 'u1',
  returnId: 't1',
  resolution,
  resolvedAt: resolution === 'MARKED' ? '2026-01-27T01:00:00Z' : null,
});

const turn = (over: Partial<ReturnTurnFragment> = {}): ReturnTurnFragment => ({
  id: 't1',
  kind: 'RETURN',
  reason: '表格数据不一致',
  createdAt: '2026-01-26T06:33:00Z',
  reviewerName: '王审核',
  returnedVersionId: 'v1',
  returnedVersionNumber: 1,
  reply: null,
  repliedAt: null,
  repliedByName: null,
  resubmittedVersionId: null,
  resubmittedVersionNumber: null,
  comments: [
    comment('1', 'applications.total.total', 'CHANGED'),
    comment('2', 'staffing.trainings', 'MARKED'),
    comment('3', null, null),
  ],
  ...over,
});

describe(ReturnTurnView.name, () => {
  afterEach(cleanup);

  it('names who returned which version when (Beijing time), the reason, and each comment in Chinese with its state', () => {
    render(
      <I18nProvider locale="zh-CN">
        <ReturnTurnView turn={turn()} />
      </I18nProvider>,
    );
    expect(screen.getByText('王审核 于 2026-01-26 14:33 退回了第 1 版')).toBeTruthy();
    expect(screen.getByTestId('return-reason').textContent).toContain('表格数据不一致');
    const items = screen.getAllByTestId('return-comment').map((li) => li.textContent ?? '');
    expect(items[0]).toMatch(/^已解决.*总计.*意见1.*该处内容已修改/);
    expect(items[1]).toMatch(/^已解决 业务培训（次）：意见2 （填报单位已标记为处理）$/);
    expect(items[2]).toMatch(/^待处理 总体意见：意见3$/);
    for (const text of items) expect(text).not.toMatch(/[a-z]+\.[a-z]+/i);
    // the key stays available to experts in the tooltip
    expect(
      within(screen.getAllByTestId('return-comment')[0]!).getByTitle('applications.total.total'),
    ).toBeTruthy();
    expect(screen.getByText('填报单位尚未答复')).toBeTruthy();
  });

  it('shows the reply with who sent which version, and lets the bureau toggle a comment it can mark', () => {
    const onResolve = vi.fn();
    render(
      <I18nProvider locale="zh-CN">
        <ReturnTurnView
          turn={turn({
            kind: 'REOPEN',
            reply: '已更正',
            repliedAt: '2026-01-28T02:05:00Z',
            repliedByName: '李填报',
            resubmittedVersionNumber: 2,
          })}
          onResolve={onResolve}
        />
      </I18nProvider>,
    );
    expect(screen.getByText(/重新打开了已通过的第 1 版/)).toBeTruthy();
    expect(screen.getByTestId('return-reply').textContent).toBe(
      '李填报 于 2026-01-28 10:05 答复并重新报送第 2 版：已更正',
    );
    // a changed cell needs no marking; a marked one can be opened again; an open one marked
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['改回待处理', '标记为已处理']);
    fireEvent.click(buttons[0]!);
    fireEvent.click(buttons[1]!);
    expect(onResolve.mock.calls).toEqual([
      ['2', false],
      ['3', true],
    ]);
  });
});
