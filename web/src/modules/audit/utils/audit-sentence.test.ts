import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../../app/i18n';
import { en } from '../../../app/messages.en';
import { zhCN } from '../../../app/messages.zh-CN';
import {
  AUDIT_ACTIONS,
  AUDIT_KINDS,
  type AuditEventLike,
  auditSentence,
  type Translate,
} from './audit-sentence';

const translator =
  (catalogue: Record<string, string>): Translate =>
  (key: MessageKey, params?: Record<string, string | number>) =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) =>
      String(params?.[name] ?? `{${name}}`),
    );
const zh = translator(zhCN);
const english = translator(en);

/** The server's sources, read at test time: every action it writes must have a sentence. */
const serverSources = import.meta.glob('../../../../../server/src/**/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function actionsWrittenByServer(): string[] {
  const found = new Set<string>();
  for (const [path, source] of Object.entries(serverSources)) {
    if (path.endsWith('.test.ts')) continue;
    for (const m of source.matchAll(/action: '([a-z]+\.[A-Za-z.]+)'/g)) found.add(m[1]!);
    // the demo data's events (`ev('submission.submit', …)`)
    for (const m of source.matchAll(/ev\(\s*'([a-z]+\.[A-Za-z.]+)'/g)) found.add(m[1]!);
    for (const m of source.matchAll(/'(submission\.(?:upload|save))'/g)) found.add(m[1]!);
    // workflow steps are written as `submission.${action}`
    if (source.includes('action: `submission.${action}`')) {
      const workflow = Object.entries(serverSources).find(([p]) =>
        p.endsWith('submission-workflow.ts'),
      )?.[1];
      const enumBody = /enum WorkflowAction \{([^}]*)\}/.exec(workflow ?? '')?.[1] ?? '';
      for (const m of enumBody.matchAll(/= '(\w+)'/g)) found.add(`submission.${m[1]}`);
    }
  }
  return [...found].sort();
}

/** Actions being added on other branches, with the data they write. */
const NEW_ACTIONS = [
  'user.create',
  'user.resetPassword',
  'user.deactivate',
  'user.reactivate',
  'user.update',
  'user.changePassword',
  'organization.create',
  'organization.update',
  'organization.move',
  'organization.close',
  'organization.import',
  'round.create',
  'round.update',
  'round.extend',
];

const base = { actorId: 'u1', actorName: '张三', organizationName: '南溪县发展和改革委员会' };

/** A realistic event per action (the data shapes the server writes). */
const SAMPLES: Record<string, AuditEventLike> = {
  'submission.start': { action: 'submission.start', toStatus: 'DRAFT' },
  'submission.save': {
    action: 'submission.save',
    data: { version: 3, source: 'FORM', errors: 1, warnings: 2 },
  },
  'submission.upload': {
    action: 'submission.upload',
    data: { version: 1, source: 'UPLOAD', errors: 0, warnings: 0 },
  },
  'import.batchCreate': {
    action: 'import.batchCreate',
    data: { batchId: 'b', files: 12, year: 2023, scopeName: '演示市' },
  },
  'import.batchCancel': { action: 'import.batchCancel', data: { batchId: 'b', cancelled: 3 } },
  'import.itemResolve': {
    action: 'import.itemResolve',
    data: { batchId: 'b', file: '科技局.pdf', readName: '科学技术局' },
  },
  'submission.import': {
    action: 'submission.import',
    toStatus: 'PUBLISHED',
    data: { file: '2024年报.docx', demo: true },
  },
  'submission.bulkIngest': {
    action: 'submission.bulkIngest',
    data: { year: 2024, batch: 3, count: 1000, statuses: { APPROVED: 900, DRAFT: 100 } },
  },
  'submission.justify': {
    action: 'submission.justify',
    reason: '本年度无此类申请',
    data: { finding: 'applications.total:x' },
  },
  'submission.submit': { action: 'submission.submit', fromStatus: 'DRAFT', toStatus: 'SUBMITTED' },
  'submission.return': {
    action: 'submission.return',
    fromStatus: 'SUBMITTED',
    toStatus: 'RETURNED',
    reason: '表三合计不符',
    data: { comments: 2, version: 'v' },
  },
  'submission.approve': {
    action: 'submission.approve',
    fromStatus: 'SUBMITTED',
    toStatus: 'APPROVED',
    data: { version: 'v', bulk: true },
  },
  'submission.reopen': {
    action: 'submission.reopen',
    fromStatus: 'PUBLISHED',
    toStatus: 'RETURNED',
    reason: '发现数据错误',
  },
  'submission.publish': {
    action: 'submission.publish',
    fromStatus: 'APPROVED',
    toStatus: 'PUBLISHED',
  },
  'submission.commentResolve': {
    action: 'submission.commentResolve',
    data: { comment: 'c', cell: 'sections.problems' },
  },
  'submission.commentReopen': {
    action: 'submission.commentReopen',
    data: { comment: 'c', cell: null },
  },
  'roster.prefill': {
    action: 'roster.prefill',
    data: { versionId: 'v', holders: [{ id: 'a', postKey: 'liaison', fullTime: false }] },
  },
  'roster.assign': {
    action: 'roster.assign',
    data: { assignmentId: 'a', postKey: 'dedicatedStaff', fromDate: '2026-03-01' },
  },
  'roster.update': {
    action: 'roster.update',
    data: { assignmentId: 'a', postKey: 'liaison', untilDate: '2026-09-30' },
  },
  'roster.remove': { action: 'roster.remove', data: { assignmentId: 'a', postKey: 'custom-x' } },
  'roster.vacancy': { action: 'roster.vacancy', data: { postKey: 'liaison', since: '2026-05-01' } },
  'roster.training': { action: 'roster.training', data: { trainingId: 't', heldOn: '2026-04-12' } },
  'roster.training.remove': { action: 'roster.training.remove', data: { trainingId: 't' } },
  'roster.leadingGroup': {
    action: 'roster.leadingGroup',
    data: { establishedOn: '2020-01-01', dissolvedOn: null },
  },
  'roster.confirm': { action: 'roster.confirm', data: {} },
  'staffing.requiredPosts': {
    action: 'staffing.requiredPosts',
    data: { posts: ['leaderInCharge', 'liaison'] },
  },
  'round.create': {
    action: 'round.create',
    toStatus: 'PLANNED',
    data: { year: 2026, scopeName: '演示市' },
  },
  'round.update': {
    action: 'round.update',
    fromStatus: 'OPEN',
    toStatus: 'CLOSED',
    data: {
      year: 2026,
      scopeName: '演示市',
      changes: { status: ['OPEN', 'CLOSED'], governmentDeadline: ['2027-03-31', '2027-04-10'] },
    },
  },
  'round.extend': {
    action: 'round.extend',
    reason: '机构改革',
    data: {
      year: 2026,
      organizationName: '南溪县教育局',
      deadline: '2027-02-10',
      reason: '机构改革',
    },
  },
  'organization.create': {
    action: 'organization.create',
    data: { name: '南溪县数据局', code: 'NX-DATA', parentName: '南溪县' },
  },
  'organization.update': {
    action: 'organization.update',
    data: {
      name: '南溪县数据局',
      changes: {
        level: ['DEPARTMENT', 'TOWNSHIP'],
        reports: [true, false],
        kind: [null, '数据局'],
      },
    },
  },
  'organization.move': {
    action: 'organization.move',
    data: { name: '南溪县数据局', fromParentName: '南溪县', toParentName: '北岭区' },
  },
  'organization.close': {
    action: 'organization.close',
    data: { name: '南溪县粮食局', toYear: 2025, count: 3 },
  },
  'organization.import': {
    action: 'organization.import',
    data: { created: 4, changed: 2, moved: 1, closed: 0 },
  },
  'user.create': {
    action: 'user.create',
    data: {
      username: 'li.si',
      displayName: '李四',
      role: 'REVIEWER',
      oneTime: true,
      bulk: false,
    },
  },
  'user.resetPassword': { action: 'user.resetPassword', data: { username: 'li.si' } },
  'user.deactivate': { action: 'user.deactivate', data: { username: 'li.si' } },
  'user.reactivate': { action: 'user.reactivate', data: { username: 'li.si' } },
  'user.update': {
    action: 'user.update',
    data: {
      username: 'li.si',
      changes: {
        role: ['BUREAU', 'SUPERVISOR'],
        organizationName: ['南溪县', '演示市'],
        displayName: ['李四', '李思'],
      },
    },
  },
  'user.changePassword': { action: 'user.changePassword', data: { username: 'li.si' } },
  'notification.remind': {
    action: 'notification.remind',
    reason: '请于本周内报送',
    data: { year: 2026, organizationName: '甲县教育局', deadline: '2027-01-26' },
  },
  'notification.read': { action: 'notification.read', data: { count: 3, all: true } },
  'notification.settings': {
    action: 'notification.settings',
    data: { emailChanged: true, emailOptOut: ['APPROVED'] },
  },
  'ranking.freeze': {
    action: 'ranking.freeze',
    toStatus: 'FROZEN',
    data: { snapshotId: 's', title: '2026年度 演示省 排名', peerGroup: null, entryCount: 186 },
  },
  'ranking.publish': {
    action: 'ranking.publish',
    fromStatus: 'FROZEN',
    toStatus: 'PUBLISHED',
    data: { snapshotId: 's', title: '2026年度 演示省 排名', entryCount: 186 },
  },
  'ranking.deleteSnapshot': {
    action: 'ranking.deleteSnapshot',
    fromStatus: 'FROZEN',
    data: { snapshotId: 's', title: '2026年度 演示省 排名', entryCount: 186, frozenAt: 'x' },
  },
};

const ENUM_WORDS =
  /\b(NOT_STARTED|DRAFT|SUBMITTED|RESUBMITTED|RETURNED|APPROVED|PUBLISHED|PLANNED|OPEN|CLOSED|ADMIN|REVIEWER|SUPERVISOR|BUREAU|PROVINCE|CITY|COUNTY|DEPARTMENT|TOWNSHIP|UPLOAD|FORM)\b/;

describe('auditSentence', () => {
  it('has a sentence for every action the server writes and every action being added', () => {
    const written = actionsWrittenByServer();
    // the scan must find the server's actions, else it proves nothing
    expect(written).toEqual(
      expect.arrayContaining([
        'submission.approve',
        'submission.return',
        'round.extend',
        'roster.assign',
      ]),
    );
    const missing = [...new Set([...written, ...NEW_ACTIONS])].filter(
      (a) => !AUDIT_ACTIONS.includes(a),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(SAMPLES).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const action of AUDIT_ACTIONS)
      expect(AUDIT_KINDS).toContain(action.slice(0, action.indexOf('.')));
  });

  it.each(Object.entries(SAMPLES))(
    'writes %s as a complete sentence without enum words, keys or placeholders',
    (action, sample) => {
      for (const t of [zh, english]) {
        const { text, title } = auditSentence({ ...base, ...sample }, t);
        expect(title).toBeUndefined();
        expect(text).not.toMatch(ENUM_WORDS);
        expect(text).not.toMatch(/\{\w+\}|audit\.|\(other\)|（其他）/);
        expect(text).not.toContain(action);
        expect(text.startsWith('张三')).toBe(true);
      }
    },
  );

  it('names the person, the body and the reason', () => {
    const sentence = (a: string) => auditSentence({ ...base, ...SAMPLES[a]! }, zh).text;
    expect(sentence('submission.return')).toBe(
      '张三 将 南溪县发展和改革委员会 的报告退回修改（2 条批注）：原因：表三合计不符',
    );
    expect(sentence('round.create')).toBe('张三 创建了 2026 年度报告收集轮次（演示市）');
    expect(sentence('ranking.deleteSnapshot')).toBe(
      '张三 删除了未发布的排名“2026年度 演示省 排名”（186 家单位）',
    );
    expect(sentence('round.extend')).toBe(
      '张三 将 南溪县教育局 的截止日期延长至 2027-02-10：原因：机构改革',
    );
    expect(sentence('round.update')).toBe(
      '张三 关闭了 2026 年度报告收集轮次（演示市）；将 2026 年度报告收集轮次（演示市） 的政府截止日期由 2027-03-31 改为 2027-04-10',
    );
    expect(sentence('user.update')).toContain('角色由“部门填报员”改为“考评人员”');
    expect(sentence('organization.update')).toContain('层级由“部门”改为“乡镇（街道）”');
    expect(sentence('submission.reopen')).toBe(
      '张三 将 南溪县发展和改革委员会 已公开的报告退回重新修改：原因：发现数据错误',
    );
    expect(auditSentence({ ...SAMPLES['round.create']!, actorId: null }, zh).text).toBe(
      '系统 创建了 2026 年度报告收集轮次（演示市）',
    );
  });

  it('reads the shapes older events were written in', () => {
    const old = auditSentence(
      {
        ...base,
        action: 'round.update',
        organizationName: '演示市',
        fromStatus: 'PLANNED',
        toStatus: 'OPEN',
        data: {
          departmentDeadline: ['2025-01-31', '2025-01-31'],
          governmentDeadline: ['2025-03-31', '2025-03-31'],
        },
      },
      zh,
    ).text;
    expect(old).toBe('张三 开启了 演示市 的报告收集轮次');
    const extension = auditSentence(
      {
        ...base,
        action: 'round.extend',
        reason: '系统故障',
        data: { deadline: '2025-02-05', previous: '2025-01-31' },
      },
      zh,
    ).text;
    expect(extension).toBe(
      '张三 将 南溪县发展和改革委员会 的截止日期延长至 2025-02-05：原因：系统故障',
    );
    expect(
      auditSentence(
        { ...base, action: 'organization.update', data: { changes: ['name', 'kind'] } },
        zh,
      ).text,
    ).toBe('张三 修改了 南溪县发展和改革委员会 的名称、类别');
  });

  it('gives an unknown action a generic sentence, the raw action only in the tooltip', () => {
    const s = auditSentence({ ...base, action: 'export.ranking', reason: null }, zh);
    expect(s).toEqual({
      text: '张三 对 南溪县发展和改革委员会 进行了一项操作',
      title: 'export.ranking',
    });
  });
});
