import { describe, expect, it } from 'vitest';
import { errorText, RestError, serverProblem } from './error-text';
import type { MessageKey } from './i18n';
import { zhCN } from './messages.zh-CN';

const t = (key: MessageKey, params?: Record<string, string | number>) =>
  zhCN[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
const has = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);
const graphqlError = (extensions: Record<string, unknown>, message = 'english text') => ({
  errors: [{ message, extensions }],
});

describe(errorText.name, () => {
  it('uses the sentence for the server’s reason when the catalogue has one', () => {
    const error = graphqlError({ code: 'UNAUTHENTICATED', reason: 'auth.wrongCredentials' });
    expect(errorText(error, t, has)).toBe(zhCN['error.auth.wrongCredentials']);
  });

  it('translates the codes a reason names (status, role, action) instead of showing them', () => {
    const error = graphqlError({
      code: 'CONFLICT',
      reason: 'submission.transition',
      params: { status: 'SUBMITTED', action: 'approve' },
    });
    expect(errorText(error, t, has)).toBe('报告当前为“已报送”，不能“通过”');
    const wrongYear = graphqlError({
      code: 'BAD_USER_INPUT',
      reason: 'round.wrongYear',
      params: { expected: 2025, actual: 2016 },
    });
    expect(errorText(wrongYear, t, has)).toBe('本轮次收集 2025 年度报告，所提交的是 2016 年度');
  });

  it('falls back to the code’s sentence for a reason the catalogue lacks, never the English', () => {
    const error = graphqlError({ code: 'FORBIDDEN', reason: 'no.such.reason' }, 'the bureau role');
    const text = errorText(error, t, has);
    expect(text).toBe(zhCN['error.code.FORBIDDEN']);
    expect(text).not.toContain('bureau');
  });

  it('reads REST errors, network failures and anything else', async () => {
    const res = new Response(JSON.stringify({ code: 'CONFLICT', message: 'stale' }), {
      status: 409,
    });
    const rest = await RestError.from(res);
    expect(serverProblem(rest)).toEqual({ code: 'CONFLICT', reason: undefined, params: undefined });
    expect(errorText(rest, t, has)).toBe(zhCN['error.code.CONFLICT']);
    expect(errorText(new TypeError('Failed to fetch'), t, has)).toBe(zhCN['error.network']);
    expect(errorText(new Error('boom'), t, has)).toBe(zhCN['error.unknown']);
    const html = await RestError.from(new Response('<html>', { status: 502 }));
    expect(errorText(html, t, has)).toBe(zhCN['error.unknown']);
  });
});
