import {
  type Finding,
  getTemplate,
  type SectionKey,
  type Staffing,
  tableLabel,
  TEMPLATE_LABELS,
} from '@gongkai/report-model';
import { type Dispatch, useCallback, useMemo, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import type { useLiveFindings } from '../hooks/useLiveFindings';
import { controlId, findingKey, findingsByCell } from '../utils/findings-index';
import { localeLang } from '../utils/locale-lang';
import type { DraftAction, ReportDraft } from '../utils/report-draft';
import type { CellComment } from './CellTip';
import { FindingsPanel } from './FindingsPanel';
import { JustifyDialog } from './JustifyDialog';
import { SectionsEditor } from './SectionsEditor';
import { StaffingFields } from './StaffingFields';
import { TableGrid } from './TableGrid';

type Props = {
  draft: ReportDraft;
  dispatch: Dispatch<DraftAction>;
  live: ReturnType<typeof useLiveFindings>;
  /** Reviewer comments to show on their cells. */
  comments?: readonly CellComment[];
  readOnly?: boolean;
  /** Reviewer mode: clicking a cell or section picks it (e.g. to comment on it). */
  onPickCell?: (path: string) => void;
};

/**
 * The official template as editable grids with computed subtotals, the six sections and the
 * staffing facts, checked live by the same rule engine the server runs; findings sit beside the
 * cells and in a list that links to them.
 */
export function SubmissionForm({ draft, dispatch, live, comments, readOnly, onPickCell }: Props) {
  const { t, locale } = useI18n();
  const lang = localeLang(locale);
  const template = getTemplate(draft.report.template);
  const byCell = useMemo(() => findingsByCell(live.findings), [live.findings]);
  const commentsByCell = useMemo(() => {
    const map = new Map<string, CellComment[]>();
    for (const c of comments ?? []) {
      if (!c.cell) continue;
      map.set(c.cell, [...(map.get(c.cell) ?? []), c]);
    }
    return map;
  }, [comments]);
  const [justifying, setJustifying] = useState<Finding | null>(null);
  const { markEdit } = live;
  const onCells = useCallback(
    (entries: readonly { path: string; raw: string }[]) => {
      markEdit();
      dispatch({ type: 'cells', entries });
    },
    [dispatch, markEdit],
  );
  const onSettle = useCallback((path: string) => dispatch({ type: 'settle', path }), [dispatch]);
  const onSection = useCallback(
    (key: SectionKey, text: string) => {
      markEdit();
      dispatch({ type: 'section', key, text });
    },
    [dispatch, markEdit],
  );
  const onStaffing = useCallback(
    (key: keyof Staffing, value: number | boolean | null) => {
      markEdit();
      dispatch({ type: 'staffing', key, value });
    },
    [dispatch, markEdit],
  );

  return (
    <div className="submission-form">
      <div className="form-main">
        <p className="form-template" id={controlId('template')} tabIndex={-1}>
          {TEMPLATE_LABELS[draft.report.template][lang]} ·{' '}
          {t('form.year', { year: draft.report.year })}
          {draft.guessed.size > 0 && (
            <span className="guessed-note">
              {' '}
              · {t('form.guessedCount', { count: draft.guessed.size })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => dispatch({ type: 'confirm', paths: [...draft.guessed] })}
              >
                {t('form.confirmAll')}
              </button>
            </span>
          )}
        </p>
        {template.tables.map((table) => (
          <section key={table.id} className="form-table" aria-labelledby={`table-${table.id}`}>
            <h2 id={`table-${table.id}`}>{tableLabel(table.id, lang)}</h2>
            <TableGrid
              draft={draft}
              table={table}
              findings={byCell}
              comments={commentsByCell}
              readOnly={readOnly}
              onCells={onCells}
              onSettle={onSettle}
              onPickCell={onPickCell}
            />
          </section>
        ))}
        <SectionsEditor
          draft={draft}
          findings={byCell}
          comments={commentsByCell}
          readOnly={readOnly}
          onChange={onSection}
          onPick={onPickCell}
        />
        <StaffingFields
          staffing={draft.report.staffing}
          publishedOn={draft.report.publishedOn}
          findings={byCell}
          readOnly={readOnly}
          onStaffing={onStaffing}
          onPublishedOn={(value) => dispatch({ type: 'publishedOn', value })}
        />
      </div>
      <aside className="form-aside">
        <FindingsPanel
          findings={live.findings}
          timing={live.timing}
          stale={live.stale}
          justifications={draft.justifications}
          onJustify={readOnly ? undefined : setJustifying}
        />
      </aside>
      {justifying && (
        <JustifyDialog
          finding={justifying}
          initial={draft.justifications[findingKey(justifying)] ?? ''}
          onSave={(text) => dispatch({ type: 'justify', key: findingKey(justifying), text })}
          onClose={() => setJustifying(null)}
        />
      )}
    </div>
  );
}
