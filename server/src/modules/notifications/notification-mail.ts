import { NotificationKind } from './notification.entity';

export type NotificationParams = Record<string, string | number | null>;

export type MailContent = { subject: string; text: string; html: string };

const str = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '' : String(v);

/** The Chinese sentence of a notification (subject line and first paragraph). */
export function notificationSentence(kind: NotificationKind, p: NotificationParams): string {
  const org = str(p.organizationName);
  const year = str(p.year);
  switch (kind) {
    case NotificationKind.RETURNED:
      return `${org} ${year} 年度报告已被退回修改`;
    case NotificationKind.APPROVED:
      return `${org} ${year} 年度报告已审核通过`;
    case NotificationKind.PUBLISHED:
      return `${org} ${year} 年度报告已公开`;
    case NotificationKind.REOPENED:
      return `${org} ${year} 年度报告已被重新打开修改`;
    case NotificationKind.RESUBMITTED:
      return `${org} 已重新报送 ${year} 年度报告，等待审核`;
    case NotificationKind.EXTENDED:
      return `${org} ${year} 年度报告的截止日期已延长至 ${str(p.deadline)}`;
    case NotificationKind.ROUND_OPENED:
      return `${year} 年度报告收集已开始（${str(p.scopeName)}）`;
    case NotificationKind.DUE_SOON:
      return `${org} ${year} 年度报告将于 ${str(p.deadline)} 截止，还有 ${str(p.days)} 天`;
    case NotificationKind.OVERDUE:
      return `${org} ${year} 年度报告已逾期（截止日期 ${str(p.deadline)}）`;
    case NotificationKind.REMINDER:
      return `催报：请尽快报送 ${org} ${year} 年度报告（截止日期 ${str(p.deadline)}）`;
  }
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The e-mail of a notification: Chinese subject, plain text and HTML, a link back to the page. */
export function notificationMail(
  kind: NotificationKind,
  params: NotificationParams,
  url: string,
): MailContent {
  const sentence = notificationSentence(kind, params);
  const lines = [sentence];
  if (params.reason) lines.push(`理由：${str(params.reason)}`);
  if (params.comments) lines.push(`批注：${str(params.comments)} 条`);
  if (params.message) lines.push(`留言：${str(params.message)}`);
  const text = [...lines, '', `打开：${url}`, '', '—— 公开 · 政府信息公开工作年度报告系统'].join(
    '\n',
  );
  const html = [
    '<!doctype html><html lang="zh-CN"><body>',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(url)}">打开 ${escapeHtml(url)}</a></p>`,
    '<p style="color:#888">公开 · 政府信息公开工作年度报告系统</p>',
    '</body></html>',
  ].join('\n');
  return { subject: `【公开】${sentence}`.slice(0, 300), text, html };
}
