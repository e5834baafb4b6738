import { badInputs, type FieldProblem } from '../../common/domain-error';
import type { CommandContext } from '../audit';
import { OrganizationLevel } from '../organizations';
import type { RequiredPostSpec } from './default-posts';
import { DisclosurePostEntity, type DisclosurePostRow } from './disclosure-post.entity';

const POST_KEY = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const MAX_POSTS = 40;

/** A round's set of required posts: keys, labels, counts, levels and kinds, none twice. */
export function checkRequiredPosts(posts: readonly RequiredPostSpec[]): void {
  const problems: FieldProblem[] = [];
  if (posts.length > MAX_POSTS)
    problems.push({
      field: 'input.posts',
      message: `at most ${MAX_POSTS} posts`,
      reason: { key: 'staffing.tooManyPosts', params: { max: MAX_POSTS } },
    });
  const seen = new Set<string>();
  posts.forEach((p, i) => {
    const at = `input.posts.${i}`;
    const row = { row: i + 1, post: p.labelZh?.trim() || p.postKey };
    if (!POST_KEY.test(p.postKey))
      problems.push({
        field: `${at}.postKey`,
        message: 'a letter, then letters or digits (≤ 40)',
        reason: { key: 'staffing.postKeyInvalid', params: { ...row, key: p.postKey } },
      });
    const key = `${p.postKey}|${p.organizationLevel ?? ''}|${p.organizationKind ?? ''}`;
    if (seen.has(key))
      problems.push({
        field: `${at}.postKey`,
        message: 'listed twice for the same organizations',
        reason: { key: 'staffing.postDuplicate', params: row },
      });
    seen.add(key);
    if (!p.labelZh?.trim() || p.labelZh.length > 60)
      problems.push({
        field: `${at}.labelZh`,
        message: '1–60 characters',
        reason: { key: 'staffing.labelZhInvalid', params: row },
      });
    if (!p.labelEn?.trim() || p.labelEn.length > 80)
      problems.push({
        field: `${at}.labelEn`,
        message: '1–80 characters',
        reason: { key: 'staffing.labelEnInvalid', params: row },
      });
    if (!Number.isInteger(p.minCount) || p.minCount < 0 || p.minCount > 50)
      problems.push({
        field: `${at}.minCount`,
        message: 'an integer from 0 to 50',
        reason: { key: 'staffing.minCountInvalid', params: row },
      });
    if (
      p.organizationLevel != null &&
      !Object.values(OrganizationLevel).includes(p.organizationLevel)
    )
      problems.push({
        field: `${at}.organizationLevel`,
        message: 'unknown level',
        reason: { key: 'staffing.levelUnknown', params: row },
      });
    if (
      p.organizationKind != null &&
      (p.organizationKind.length > 100 || !p.organizationKind.trim())
    )
      problems.push({
        field: `${at}.organizationKind`,
        message: '1–100 characters',
        reason: { key: 'staffing.kindInvalid', params: row },
      });
  });
  if (problems.length) throw badInputs(problems);
}

/**
 * The command that replaces a round's required posts, with `staffing.requiredPosts`, inside the
 * caller's transaction and after its access check (`RequiredPostsService` for the round's
 * office, the demo seed at the round's opening).
 */
export const requiredPostWrites = {
  async set(
    context: CommandContext,
    round: { id: string },
    scope: { id: string },
    posts: readonly RequiredPostSpec[],
  ): Promise<DisclosurePostRow[]> {
    checkRequiredPosts(posts);
    const { manager } = context;
    await manager.delete(DisclosurePostEntity, { roundId: round.id });
    const rows = posts.map((p, i) =>
      manager.create(DisclosurePostEntity, {
        roundId: round.id,
        postKey: p.postKey,
        labelZh: p.labelZh.trim(),
        labelEn: p.labelEn.trim(),
        minCount: p.minCount,
        fullTimeRequired: p.fullTimeRequired,
        countsAsStaff: p.countsAsStaff,
        organizationLevel: p.organizationLevel ?? null,
        organizationKind: p.organizationKind?.trim() ?? null,
        sortOrder: p.sortOrder ?? i + 1,
      }),
    );
    const saved = rows.length ? await manager.save(rows) : [];
    await context.record([
      {
        organizationId: scope.id,
        roundId: round.id,
        action: 'staffing.requiredPosts',
        data: { posts: saved.map((p) => p.postKey) },
      },
    ]);
    return saved.sort((a, b) => a.sortOrder - b.sortOrder);
  },
};
