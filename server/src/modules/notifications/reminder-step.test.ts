import { daysUntil, reminderStep } from './reminders.service';
import { notificationMail } from './notification-mail';
import { NotificationKind } from './notification.entity';

describe(reminderStep.name, () => {
  it.each([
    ['2027-01-01', '2027-01-26', null],
    ['2027-01-18', '2027-01-26', null],
    ['2027-01-19', '2027-01-26', 'due7'],
    ['2027-01-22', '2027-01-26', 'due7'],
    ['2027-01-23', '2027-01-26', 'due3'],
    ['2027-01-24', '2027-01-26', 'due3'],
    ['2027-01-25', '2027-01-26', 'due1'],
    ['2027-01-26', '2027-01-26', 'due1'],
    ['2027-01-27', '2027-01-26', 'overdue'],
    ['2027-03-01', '2027-01-26', 'overdue'],
    // across a month and a leap day
    ['2028-02-26', '2028-03-01', 'due7'],
    ['2028-02-28', '2028-03-01', 'due3'],
  ])('on %s with the deadline %s is %s', (today, deadline, step) => {
    expect(reminderStep(today, deadline)).toBe(step);
  });

  it('counts whole days between Shanghai calendar days', () => {
    expect(daysUntil('2027-01-19', '2027-01-26')).toBe(7);
    expect(daysUntil('2027-01-27', '2027-01-26')).toBe(-1);
    expect(daysUntil('2028-02-28', '2028-03-01')).toBe(2);
  });
});

describe(notificationMail.name, () => {
  it('writes a Chinese subject, the reason and the link in text and escaped HTML', () => {
    const mail = notificationMail(
      NotificationKind.RETURNED,
      { organizationName: '甲县<科技>局', year: 2026, reason: '数字 & 正文不符' },
      'https://gongkai.example.org/submissions/1',
    );
    expect(mail.subject).toBe('【公开】甲县<科技>局 2026 年度报告已被退回修改');
    expect(mail.text).toContain('理由：数字 & 正文不符');
    expect(mail.text).toContain('https://gongkai.example.org/submissions/1');
    expect(mail.html).toContain('甲县&lt;科技&gt;局');
    expect(mail.html).toContain('数字 &amp; 正文不符');
    expect(mail.html).not.toContain('<科技>');
  });

  it('words a reminder with the days left and the message', () => {
    const due = notificationMail(
      NotificationKind.DUE_SOON,
      { organizationName: '乙县教育局', year: 2026, deadline: '2027-01-26', days: 3 },
      'x',
    );
    expect(due.subject).toContain('还有 3 天');
    const remind = notificationMail(
      NotificationKind.REMINDER,
      { organizationName: '乙县教育局', year: 2026, deadline: '2027-01-26', message: '请尽快' },
      'x',
    );
    expect(remind.subject).toContain('催报');
    expect(remind.text).toContain('留言：请尽快');
  });
});
