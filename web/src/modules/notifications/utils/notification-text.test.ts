import { describe, expect, it } from 'vitest';
import { en } from '../../../app/messages.en';
import { zhCN } from '../../../app/messages.zh-CN';
import type { MessageKey } from '../../../app/i18n';
import { notificationText } from './notification-text';

const translator =
  (catalogue: Record<string, string>) =>
  (key: MessageKey, params?: Record<string, string | number>) =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_, n: string) =>
      String(params?.[n] ?? `{${n}}`),
    );

describe(notificationText.name, () => {
  it('words every kind in both languages without a left-over placeholder', () => {
    const params = {
      organizationName: '甲县科技局',
      year: 2026,
      deadline: '2027-01-26',
      days: 3,
      scopeName: '演示市人民政府',
    };
    for (const kind of [
      'RETURNED',
      'APPROVED',
      'PUBLISHED',
      'REOPENED',
      'RESUBMITTED',
      'EXTENDED',
      'ROUND_OPENED',
      'DUE_SOON',
      'OVERDUE',
      'REMINDER',
    ] as const)
      for (const catalogue of [zhCN, en]) {
        const { title } = notificationText(translator(catalogue), kind, params);
        expect(title).not.toMatch(/[{}]/);
        expect(title).not.toContain('notification.kind');
      }
  });

  it('adds the reason, the number of comments and the message', () => {
    const text = notificationText(translator(zhCN), 'RETURNED', {
      organizationName: '甲县科技局',
      year: 2026,
      reason: '数字有误',
      comments: 2,
      message: null,
    });
    expect(text.title).toBe('甲县科技局 2026 年度报告已被退回修改');
    expect(text.detail).toBe('理由：数字有误 · 批注 2 条');
  });
});
