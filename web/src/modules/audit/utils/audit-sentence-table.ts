import type { MessageKey } from '../../../app/i18n';
import {
  type Context,
  type Data,
  isRecord,
  ORGANIZATION_FIELDS,
  USER_FIELDS,
  changeList,
  organizationValue,
  pair,
  plain,
  postName,
  word,
} from './audit-sentence-context';

/** Sentences for round.update: a status move or a deadline change per entry. */
function roundUpdate(c: Context): string {
  const changes: Data = isRecord(c.d.changes) ? { ...c.d.changes } : {};
  if (!isRecord(c.d.changes)) {
    // events written before round.update recorded only what changed
    for (const key of ['departmentDeadline', 'governmentDeadline']) {
      const p = pair(c.d[key]);
      if (p && p[0] !== p[1]) changes[key] = p;
    }
    if (c.e.fromStatus && c.e.toStatus && c.e.fromStatus !== c.e.toStatus)
      changes.status = [c.e.fromStatus, c.e.toStatus];
  }
  const scope = c.str('scopeName') || c.org;
  const year = c.num('year');
  const round =
    year === null ? c.t('audit.roundOf', { scope }) : c.t('audit.roundName', { year, scope });
  const parts: string[] = [];
  for (const [key, v] of Object.entries(changes)) {
    const p = pair(v);
    if (!p) continue;
    if (key === 'status') {
      const move = `${String(p[0])}>${String(p[1])}`;
      const verb =
        move === 'PLANNED>OPEN'
          ? 'audit.round.open'
          : move === 'OPEN>CLOSED'
            ? 'audit.round.close'
            : move === 'CLOSED>OPEN'
              ? 'audit.round.reopen'
              : null;
      parts.push(
        verb
          ? c.t(verb, { round })
          : c.t('audit.round.status', {
              round,
              from: word(c.t, 'roundStatus', p[0]),
              to: word(c.t, 'roundStatus', p[1]),
            }),
      );
    } else if (key === 'departmentDeadline' || key === 'governmentDeadline') {
      parts.push(
        c.t(`audit.round.${key}`, { round, from: plain(c.t, p[0]), to: plain(c.t, p[1]) }),
      );
    }
  }
  if (parts.length === 0) return c.t('audit.round.update', { actor: c.actor, round });
  return c.t('audit.actorDid', { actor: c.actor, what: parts.join(c.t('audit.separator')) });
}

export const SENTENCES: Record<string, (c: Context) => string> = {
  'submission.start': (c) => c.t('audit.submission.start', { actor: c.actor, org: c.org }),
  'submission.save': (c) =>
    c.t('audit.submission.save', {
      actor: c.actor,
      org: c.org,
      version: c.num('version') ?? '?',
      errors: c.num('errors') ?? 0,
      warnings: c.num('warnings') ?? 0,
    }),
  'submission.upload': (c) =>
    c.t('audit.submission.upload', {
      actor: c.actor,
      org: c.org,
      version: c.num('version') ?? '?',
    }),
  'submission.import': (c) =>
    c.t('audit.submission.import', { actor: c.actor, org: c.org, file: c.str('file') || '—' }),
  'submission.bulkIngest': (c) =>
    c.t('audit.submission.bulkIngest', {
      actor: c.actor,
      org: c.org,
      count: c.num('count') ?? 0,
      year: c.num('year') ?? '—',
    }),
  'submission.justify': (c) =>
    c.t('audit.submission.justify', { actor: c.actor, org: c.org }) + c.reason(),
  'submission.submit': (c) =>
    c.t(c.e.toStatus === 'RESUBMITTED' ? 'audit.submission.resubmit' : 'audit.submission.submit', {
      actor: c.actor,
      org: c.org,
    }) + c.reason(),
  'submission.return': (c) =>
    c.t('audit.submission.return', {
      actor: c.actor,
      org: c.org,
      comments: c.num('comments') ?? 0,
    }) + c.reason(),
  'submission.approve': (c) =>
    c.t(c.d.bulk === true ? 'audit.submission.approveBulk' : 'audit.submission.approve', {
      actor: c.actor,
      org: c.org,
    }),
  'submission.reopen': (c) =>
    c.t('audit.submission.reopen', {
      actor: c.actor,
      org: c.org,
      from: word(c.t, 'status', c.e.fromStatus),
    }) + c.reason(),
  'submission.publish': (c) => c.t('audit.submission.publish', { actor: c.actor, org: c.org }),
  'submission.commentResolve': (c) =>
    c.t('audit.submission.commentResolve', { actor: c.actor, org: c.org }),
  'submission.commentReopen': (c) =>
    c.t('audit.submission.commentReopen', { actor: c.actor, org: c.org }),
  'roster.prefill': (c) =>
    c.t('audit.roster.prefill', {
      actor: c.actor,
      org: c.org,
      count: Array.isArray(c.d.holders) ? c.d.holders.length : 0,
    }),
  'roster.assign': (c) =>
    c.t('audit.roster.assign', {
      actor: c.actor,
      org: c.org,
      post: postName(c.t, c.d.postKey),
      date: plain(c.t, c.d.fromDate),
    }),
  'roster.update': (c) =>
    c.t(c.d.untilDate ? 'audit.roster.end' : 'audit.roster.update', {
      actor: c.actor,
      org: c.org,
      post: postName(c.t, c.d.postKey),
      date: plain(c.t, c.d.untilDate),
    }),
  'roster.remove': (c) =>
    c.t('audit.roster.remove', { actor: c.actor, org: c.org, post: postName(c.t, c.d.postKey) }),
  'roster.vacancy': (c) =>
    c.t(c.d.since ? 'audit.roster.vacancy' : 'audit.roster.vacancyCleared', {
      actor: c.actor,
      org: c.org,
      post: postName(c.t, c.d.postKey),
      date: plain(c.t, c.d.since),
    }),
  'roster.training': (c) =>
    c.t('audit.roster.training', { actor: c.actor, org: c.org, date: plain(c.t, c.d.heldOn) }),
  'roster.training.remove': (c) =>
    c.t('audit.roster.trainingRemove', { actor: c.actor, org: c.org }),
  'roster.leadingGroup': (c) =>
    c.t(
      c.d.dissolvedOn
        ? 'audit.roster.leadingGroupDissolved'
        : c.d.establishedOn
          ? 'audit.roster.leadingGroup'
          : 'audit.roster.leadingGroupNone',
      {
        actor: c.actor,
        org: c.org,
        date: plain(c.t, c.d.dissolvedOn || c.d.establishedOn),
      },
    ),
  'roster.confirm': (c) => c.t('audit.roster.confirm', { actor: c.actor, org: c.org }),
  'staffing.requiredPosts': (c) =>
    c.t('audit.staffing.requiredPosts', {
      actor: c.actor,
      org: c.org,
      count: Array.isArray(c.d.posts) ? c.d.posts.length : 0,
    }),
  'round.create': (c) =>
    c.t(c.e.toStatus === 'OPEN' ? 'audit.round.createOpen' : 'audit.round.create', {
      actor: c.actor,
      year: c.num('year') ?? c.t('audit.value.empty'),
      scope: c.str('scopeName') || c.org,
    }),
  'round.update': roundUpdate,
  'round.extend': (c) => {
    const reason = c.str('reason') || c.e.reason || '';
    return (
      c.t('audit.round.extend', {
        actor: c.actor,
        org: c.str('organizationName') || c.org,
        deadline: plain(c.t, c.d.deadline),
      }) + (reason ? c.t('audit.reason', { reason }) : '')
    );
  },
  'organization.create': (c) =>
    c.t(c.str('parentName') ? 'audit.organization.createUnder' : 'audit.organization.create', {
      actor: c.actor,
      name: c.str('name') || c.org,
      code: c.str('code') || '—',
      parent: c.str('parentName'),
    }),
  'organization.update': (c) => {
    const name = c.str('name') || c.org;
    if (isRecord(c.d.changes))
      return c.t('audit.organization.update', {
        actor: c.actor,
        name,
        changes: changeList(
          c,
          c.d.changes,
          ORGANIZATION_FIELDS,
          'audit.orgField',
          organizationValue(c.t),
        ),
      });
    // older events list the changed fields only
    const fields = Array.isArray(c.d.changes) ? c.d.changes.map(String) : [];
    return c.t('audit.organization.updateFields', {
      actor: c.actor,
      name,
      fields: fields
        .map((f) =>
          ORGANIZATION_FIELDS.has(f)
            ? c.t(`audit.orgField.${f}` as MessageKey)
            : c.t('audit.field.other'),
        )
        .join(c.t('audit.listSeparator')),
    });
  },
  'organization.move': (c) =>
    c.t('audit.organization.move', {
      actor: c.actor,
      name: c.str('name') || c.org,
      from: c.str('fromParentName') || c.t('audit.value.top'),
      to: c.str('toParentName') || c.t('audit.value.top'),
    }),
  'organization.close': (c) =>
    c.t('audit.organization.close', {
      actor: c.actor,
      name: c.str('name') || c.org,
      year: c.num('toYear') ?? '?',
      count: c.num('count') ?? 1,
    }),
  'organization.import': (c) => {
    if (c.num('created') !== null || c.num('changed') !== null)
      return c.t('audit.organization.import', {
        actor: c.actor,
        created: c.num('created') ?? 0,
        changed: c.num('changed') ?? 0,
        moved: c.num('moved') ?? 0,
        closed: c.num('closed') ?? 0,
      });
    // older events: one per imported row
    return c.t(
      c.d.created === true ? 'audit.organization.importRowCreated' : 'audit.organization.importRow',
      { actor: c.actor, org: c.org },
    );
  },
  'user.create': (c) =>
    c.t('audit.user.create', {
      actor: c.actor,
      name: c.str('displayName') || c.str('username'),
      username: c.str('username'),
      role: word(c.t, 'role', c.d.role),
    }) +
    (c.d.oneTime === true ? c.t('audit.user.oneTime') : '') +
    (c.d.bulk === true ? c.t('audit.user.bulk') : ''),
  'user.resetPassword': (c) =>
    c.t('audit.user.resetPassword', { actor: c.actor, username: c.str('username') }),
  'user.deactivate': (c) =>
    c.t('audit.user.deactivate', { actor: c.actor, username: c.str('username') }),
  'user.reactivate': (c) =>
    c.t('audit.user.reactivate', { actor: c.actor, username: c.str('username') }),
  'user.update': (c) =>
    c.t('audit.user.update', {
      actor: c.actor,
      username: c.str('username'),
      changes: isRecord(c.d.changes)
        ? changeList(c, c.d.changes, USER_FIELDS, 'audit.userField', (field, v) =>
            field === 'role' ? word(c.t, 'role', v) : plain(c.t, v),
          )
        : c.t('audit.field.other'),
    }),
  'user.changePassword': (c) => c.t('audit.user.changePassword', { actor: c.actor }),
  'notification.remind': (c) => {
    const message = c.e.reason ?? '';
    return (
      c.t('audit.notification.remind', {
        actor: c.actor,
        org: c.str('organizationName') || c.org,
        year: c.num('year') ?? c.t('audit.value.empty'),
      }) + (message ? c.t('audit.notification.message', { message }) : '')
    );
  },
  'notification.read': (c) =>
    c.t('audit.notification.read', { actor: c.actor, count: c.num('count') ?? 0 }),
  'notification.settings': (c) => c.t('audit.notification.settings', { actor: c.actor }),
};

/** Every action the formatter has a sentence for. */
// Ranking snapshots: frozen, published, deleted before publication.
const snapshotSentence =
  (key: 'audit.ranking.freeze' | 'audit.ranking.publish' | 'audit.ranking.deleteSnapshot') =>
  (c: Context): string =>
    c.t(key, {
      actor: c.actor,
      title: c.str('title') || c.t('audit.ranking.untitled'),
      count: c.num('entryCount') ?? 0,
    });
SENTENCES['ranking.freeze'] = snapshotSentence('audit.ranking.freeze');
SENTENCES['ranking.publish'] = snapshotSentence('audit.ranking.publish');
SENTENCES['ranking.deleteSnapshot'] = snapshotSentence('audit.ranking.deleteSnapshot');
// Batch import of published reports.
SENTENCES['import.batchCreate'] = (c) =>
  c.t('audit.import.batchCreate', {
    actor: c.actor,
    org: c.str('scopeName') || c.org,
    year: c.num('year') ?? c.t('audit.value.empty'),
    count: c.num('files') ?? 0,
  });
SENTENCES['import.batchCancel'] = (c) =>
  c.t('audit.import.batchCancel', { actor: c.actor, org: c.org, count: c.num('cancelled') ?? 0 });
SENTENCES['import.itemResolve'] = (c) =>
  c.t('audit.import.itemResolve', { actor: c.actor, org: c.org, file: c.str('file') || '—' });
