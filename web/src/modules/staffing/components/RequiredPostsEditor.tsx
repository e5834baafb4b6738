import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import type { OrganizationLevel, RequiredPostInput } from '../../../generated/graphql';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Dialog } from '../../../ui/Dialog';
import { type RequiredPostRow, useRequiredPosts } from '../hooks/useRequiredPosts';
import { groupPostsByTarget } from '../utils/group-posts-by-target';

const LEVELS: OrganizationLevel[] = ['PROVINCE', 'CITY', 'COUNTY', 'DEPARTMENT', 'TOWNSHIP'];

const toInput = (p: RequiredPostRow, i: number): RequiredPostInput => ({
  postKey: p.postKey,
  labelZh: p.labelZh,
  labelEn: p.labelEn,
  minCount: p.minCount,
  fullTimeRequired: p.fullTimeRequired,
  countsAsStaff: p.countsAsStaff,
  organizationLevel: p.organizationLevel ?? null,
  organizationKind: p.organizationKind ?? null,
  sortOrder: i + 1,
});

/** Which posts each kind of body must fill in a round; edit the set, or restore the default. */
export function RequiredPostsEditor({ roundId }: { roundId: string }) {
  const { t, locale, errorText } = useI18n();
  const { posts, loading, error, saving, save } = useRequiredPosts(roundId);
  const [draft, setDraft] = useState<RequiredPostInput[] | null>(null);
  const [confirm, setConfirm] = useState<'save' | 'reset' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (loading) return <p>{t('common.loading')}</p>;
  if (error) return <p role="alert">{errorText(error)}</p>;
  const label = (p: { labelZh: string; labelEn: string }) =>
    locale === 'en' ? p.labelEn : p.labelZh;
  const target = (p: {
    organizationLevel?: OrganizationLevel | null;
    organizationKind?: string | null;
  }) =>
    [
      p.organizationLevel ? t(`orgAdmin.level.${p.organizationLevel}`) : t('posts.everyLevel'),
      p.organizationKind ?? t('posts.everyKind'),
    ].join(' · ');
  const run = async (posts: RequiredPostInput[] | null, message: string) => {
    setProblem(null);
    try {
      await save(posts);
      setDraft(null);
      setNotice(message);
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setConfirm(null);
    }
  };
  const edit = (i: number, patch: Partial<RequiredPostInput>) =>
    setDraft((d) => (d ?? []).map((p, j) => (j === i ? { ...p, ...patch } : p)));
  if (!draft)
    return (
      <Card
        title={t('posts.current')}
        actions={
          <div className="org-actions">
            <Button onClick={() => setConfirm('reset')}>{t('posts.reset')}</Button>
            <Button variant="primary" onClick={() => setDraft(posts.map(toInput))}>
              {t('posts.edit')}
            </Button>
          </div>
        }
      >
        {notice && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        {posts.length === 0 && <p className="muted">{t('posts.none')}</p>}
        {groupPostsByTarget(posts).map((group) => (
          <section key={group.key} className="posts-group">
            <h3>{target(group.posts[0]!)}</h3>
            <ul>
              {group.posts.map((p) => (
                <li key={p.id} title={p.postKey}>
                  {label(p)} · {t('posts.atLeast', { count: p.minCount })}
                  {p.fullTimeRequired ? ` · ${t('posts.fullTime')}` : ''}
                  {p.countsAsStaff ? ` · ${t('posts.countsAsStaff')}` : ''}
                </li>
              ))}
            </ul>
          </section>
        ))}
        {problem && (
          <p role="alert" className="field-error">
            {problem}
          </p>
        )}
        <Dialog
          open={confirm === 'reset'}
          title={t('posts.resetTitle')}
          onClose={() => setConfirm(null)}
          closeLabel={t('common.close')}
          footer={
            <>
              <Button onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
              <Button
                variant="danger"
                busy={saving}
                onClick={() => void run(null, t('posts.resetDone'))}
              >
                {t('posts.reset')}
              </Button>
            </>
          }
        >
          <p>{t('posts.resetText', { count: posts.length })}</p>
        </Dialog>
      </Card>
    );
  const removed = posts.length - draft.length;
  return (
    <Card title={t('posts.editing')}>
      <div className="table-wrap">
        <table className="data-table" data-testid="posts-editor">
          <caption className="visually-hidden">{t('posts.editing')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('posts.labelZh')}</th>
              <th scope="col">{t('posts.labelEn')}</th>
              <th scope="col">{t('posts.minCount')}</th>
              <th scope="col">{t('posts.fullTime')}</th>
              <th scope="col">{t('posts.countsAsStaff')}</th>
              <th scope="col">{t('posts.level')}</th>
              <th scope="col">{t('posts.kind')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {draft.map((p, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={t('posts.labelZh')}
                    value={p.labelZh}
                    onChange={(e) => edit(i, { labelZh: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t('posts.labelEn')}
                    value={p.labelEn}
                    onChange={(e) => edit(i, { labelEn: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t('posts.minCount')}
                    type="number"
                    min={0}
                    max={50}
                    style={{ width: '4.5rem' }}
                    value={p.minCount}
                    onChange={(e) => edit(i, { minCount: Number(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('posts.fullTime')}
                    checked={p.fullTimeRequired}
                    onChange={(e) => edit(i, { fullTimeRequired: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('posts.countsAsStaff')}
                    checked={p.countsAsStaff}
                    onChange={(e) => edit(i, { countsAsStaff: e.target.checked })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('posts.level')}
                    value={p.organizationLevel ?? ''}
                    onChange={(e) =>
                      edit(i, {
                        organizationLevel: (e.target.value || null) as OrganizationLevel | null,
                      })
                    }
                  >
                    <option value="">{t('posts.everyLevel')}</option>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`orgAdmin.level.${l}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={t('posts.kind')}
                    placeholder={t('posts.everyKind')}
                    value={p.organizationKind ?? ''}
                    onChange={(e) => edit(i, { organizationKind: e.target.value || null })}
                  />
                </td>
                <td>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setDraft((d) => (d ?? []).filter((_, j) => j !== i))}
                  >
                    {t('common.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="org-actions" style={{ marginTop: '0.75rem' }}>
        <Button
          onClick={() =>
            setDraft((d) => [
              ...(d ?? []),
              {
                postKey: `post${Date.now().toString(36)}`,
                labelZh: '',
                labelEn: '',
                minCount: 1,
                fullTimeRequired: false,
                countsAsStaff: false,
                organizationLevel: null,
                organizationKind: null,
              },
            ])
          }
        >
          {t('posts.add')}
        </Button>
        <span style={{ flex: 1 }} />
        <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
        <Button variant="primary" onClick={() => setConfirm('save')}>
          {t('common.save')}
        </Button>
      </div>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
      <Dialog
        open={confirm === 'save'}
        title={t('posts.saveTitle')}
        onClose={() => setConfirm(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              busy={saving}
              onClick={() =>
                void run(
                  draft.map((p, i) => ({ ...p, sortOrder: i + 1 })),
                  t('posts.saved'),
                )
              }
            >
              {t('common.save')}
            </Button>
          </>
        }
      >
        <p>{t('posts.saveText', { count: draft.length, removed: Math.max(removed, 0) })}</p>
      </Dialog>
    </Card>
  );
}
