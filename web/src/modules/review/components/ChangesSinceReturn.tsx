import { sectionLabel } from '@gongkai/report-model';
import type { ReturnTurnFragment } from '../../../generated/graphql';
import { useI18n } from '../../../app/i18n';
import { Table } from '../../../ui/Table';
import { useVersionDiff } from '../../submissions/hooks/useVersionDiff';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { changeLabel } from '../utils/change-label';
import { ReturnTurnView } from './ReturnTurnView';
import './review-cycle.css';

type Props = {
  turn: ReturnTurnFragment;
  /** The version under review now (the resubmitted one). */
  toVersionId: string;
};

/**
 * What a resubmitted report changed since the version that was returned: the bureau's reply, the
 * sections rewritten, every changed cell old → new, and the return's comments resolved or open.
 */
export function ChangesSinceReturn({ turn, toVersionId }: Props) {
  const { t, has, locale } = useI18n();
  const lang = localeLang(locale);
  const { diff, loading, error } = useVersionDiff(turn.returnedVersionId, toVersionId);
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('review.diff.empty');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  };
  const sections = (diff?.changes ?? [])
    .filter((c) => c.path.startsWith('sections.'))
    .map((c) => sectionLabel(c.path.slice(9), lang));
  return (
    <section className="changes-since-return card card-body" data-testid="changes-since-return">
      <h2>
        {t('review.diff.title', {
          from: turn.returnedVersionNumber ?? '?',
          to: turn.resubmittedVersionNumber ?? '?',
        })}
      </h2>
      <ReturnTurnView turn={turn} linkCells={false} />
      {loading && <p>{t('common.loading')}</p>}
      {error && <p role="alert">{t('review.diff.failed')}</p>}
      {diff && (
        <>
          <p data-testid="diff-summary">
            {diff.changes.length === 0
              ? t('review.diff.none')
              : t('review.diff.summary', {
                  count: diff.changes.length,
                  sections: sections.length ? sections.join('、') : t('review.diff.noSections'),
                })}
          </p>
          {diff.changes.length > 0 && (
            <Table
              caption={t('review.diff.tableCaption')}
              hideCaption
              rows={diff.changes}
              rowKey={(c) => c.path}
              testId="diff-table"
              columns={[
                {
                  key: 'place',
                  header: t('versions.field'),
                  render: (c) => <span title={c.path}>{changeLabel(c.path, lang, t, has)}</span>,
                },
                {
                  key: 'before',
                  header: t('review.diff.before', { version: diff.fromNumber }),
                  render: (c) => <del>{show(c.before)}</del>,
                },
                {
                  key: 'after',
                  header: t('review.diff.after', { version: diff.toNumber }),
                  render: (c) => <ins>{show(c.after)}</ins>,
                },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
