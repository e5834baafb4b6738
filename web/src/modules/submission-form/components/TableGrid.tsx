import {
  cellLabel,
  findCell,
  rowLabel,
  type TableDefinition,
  tableLabel,
} from '@gongkai/report-model';
import { type ClipboardEvent, type KeyboardEvent, memo, useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { type CellFindings, controlId } from '../utils/findings-index';
import { localeLang } from '../utils/locale-lang';
import { formatCellValue } from '../utils/parse-cell-input';
import type { ReportDraft } from '../utils/report-draft';
import { columnHeader, gridLines, tableColumns } from '../utils/table-layout';
import { applicationsSums, disagrees, reviewLitigationSums, type Sum } from '../utils/table-sums';
import { type CellComment, CellTip } from './CellTip';

type Props = {
  draft: ReportDraft;
  table: TableDefinition;
  findings: ReadonlyMap<string, CellFindings>;
  comments: ReadonlyMap<string, readonly CellComment[]>;
  readOnly?: boolean;
  onCells: (entries: readonly { path: string; raw: string }[]) => void;
  onSettle: (path: string) => void;
  /** Reviewer mode: called when a cell is chosen for a comment. */
  onPickCell?: (path: string) => void;
};

/** A column header; a money column takes its printed label (with the unit) from its row's cell. */
function SumCell({ sum, mismatch, label }: { sum?: Sum; mismatch?: boolean; label: string }) {
  const { formatNumber, t } = useI18n();
  if (!sum) return <td className="cell cell-na" />;
  return (
    <td
      className={['cell', 'cell-computed', mismatch ? 'mismatch' : ''].join(' ')}
      title={sum.complete ? label : `${label} · ${t('form.sumPartial')}`}
    >
      <output aria-label={label}>
        {formatNumber(sum.value)}
        {!sum.complete && <span aria-hidden="true">*</span>}
      </output>
    </td>
  );
}

/** One table of the template as an editable grid, with the subtotals the template leaves out. */
export const TableGrid = memo(function TableGrid({
  draft,
  table,
  findings,
  comments,
  readOnly,
  onCells,
  onSettle,
  onPickCell,
}: Props) {
  const { t, locale } = useI18n();
  const lang = localeLang(locale);
  const { report } = draft;
  const data = report.tables[table.id];
  const lines = useMemo(
    () => gridLines(report.template, table, Object.keys(data ?? {})),
    [report.template, table, data],
  );
  const columns = useMemo(() => tableColumns(table), [table]);
  const apps = table.id === 'applications' ? applicationsSums(report) : null;
  const rl = table.id === 'reviewLitigation' ? reviewLitigationSums(report) : null;
  const rowSums = apps?.rowTotals ?? rl;
  const inputRows = lines.flatMap((l) => (l.kind === 'row' ? [l.row] : []));
  const sumLabel = table.id === 'applications' ? t('form.sumApplicants') : t('form.sumOutcomes');

  const focusCell = (row: string | undefined, column: string) => {
    if (!row) return;
    document.getElementById(controlId(`${table.id}.${row}.${column}`))?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, row: string, column: string) => {
    const i = inputRows.indexOf(row);
    if (e.key === 'Enter' && onPickCell) {
      e.preventDefault();
      onPickCell(`${table.id}.${row}.${column}`);
    } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      focusCell(inputRows[i + 1], column);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusCell(inputRows[i - 1], column);
    }
  };

  // Pasting a block copied from a spreadsheet (tabs and newlines) fills the cells to the right and below.
  const onPaste = (e: ClipboardEvent<HTMLInputElement>, row: string, column: string) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.trim())) return;
    e.preventDefault();
    const r0 = inputRows.indexOf(row);
    const c0 = columns.indexOf(column);
    const entries: { path: string; raw: string }[] = [];
    text
      .replace(/\r/g, '')
      .replace(/\n$/, '')
      .split('\n')
      .forEach((line, dr) => {
        line.split('\t').forEach((value, dc) => {
          const r = inputRows[r0 + dr];
          const c = columns[c0 + dc];
          if (r && c && findCell(report.template, `${table.id}.${r}.${c}`)) {
            entries.push({ path: `${table.id}.${r}.${c}`, raw: value.trim() });
          }
        });
      });
    onCells(entries);
  };

  return (
    <div className="grid-wrap">
      <table className="grid" aria-label={tableLabel(table.id, lang)}>
        <thead>
          <tr>
            <th scope="col" className="grid-rowhead">
              {t('form.item')}
            </th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {columnHeader(table, c, lang)}
              </th>
            ))}
            {rowSums && (
              <th scope="col" className="grid-computed-head" title={sumLabel}>
                {t('form.computedTotal')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            if (line.kind === 'subtotal' && apps) {
              const group = apps.groups[line.group];
              return (
                <tr key={`sub-${line.group}`} className="grid-subtotal">
                  <th scope="row" className="grid-rowhead">
                    {t(`form.subtotal.${line.group}`)}
                  </th>
                  {columns.map((c) => (
                    <SumCell key={c} sum={group[c]} label={t(`form.subtotal.${line.group}`)} />
                  ))}
                  <td className="cell cell-na" />
                </tr>
              );
            }
            if (line.kind === 'outcomes' && apps) {
              return (
                <tr key="outcomes" className="grid-subtotal">
                  <th scope="row" className="grid-rowhead">
                    {t('form.outcomesSum')}
                  </th>
                  {columns.map((c) => (
                    <SumCell
                      key={c}
                      sum={apps.outcomes[c]}
                      mismatch={disagrees(apps.outcomes[c], data?.total?.[c])}
                      label={t('form.outcomesSum')}
                    />
                  ))}
                  <td className="cell cell-na" />
                </tr>
              );
            }
            if (line.kind !== 'row') return null;
            const row = line.row;
            const rowName = rowLabel(table.id, row, lang);
            return (
              <tr key={row}>
                <th scope="row" className="grid-rowhead">
                  {rowName}
                </th>
                {columns.map((column) => {
                  const path = `${table.id}.${row}.${column}`;
                  const def = findCell(report.template, path);
                  if (!def) return <td key={column} className="cell cell-na" />;
                  const value = data?.[row]?.[column];
                  const input = draft.inputs[path];
                  const cellFindings = findings.get(path);
                  const cellComments = comments.get(path);
                  const guessed = draft.guessed.has(path);
                  const id = controlId(path);
                  const tipId = `${id}-tip`;
                  const hasTip =
                    !!cellFindings ||
                    !!cellComments ||
                    guessed ||
                    (!!input && (!input.ok || input.notices.length > 0));
                  const severity = input && !input.ok ? 'error' : cellFindings?.worst;
                  const blankOnly =
                    cellFindings?.findings.every((f) => f.rule === 'completeness.blankCells') ??
                    false;
                  return (
                    <td
                      key={column}
                      className={[
                        'cell',
                        severity ? `sev-${severity}` : '',
                        blankOnly && !(input && !input.ok) ? 'blank' : '',
                        guessed ? 'guessed' : '',
                        cellComments ? 'commented' : '',
                      ].join(' ')}
                      data-cell={path}
                    >
                      <input
                        id={id}
                        className="cell-input"
                        inputMode={def.kind === 'money' ? 'decimal' : 'numeric'}
                        autoComplete="off"
                        aria-label={cellLabel(path, lang)}
                        aria-invalid={severity === 'error' || undefined}
                        aria-describedby={hasTip ? tipId : undefined}
                        value={draft.raw[path] ?? formatCellValue(value)}
                        readOnly={readOnly}
                        onChange={(e) => onCells([{ path, raw: e.target.value }])}
                        onKeyDown={(e) => onKeyDown(e, row, column)}
                        onBlur={() => onSettle(path)}
                        onPaste={(e) => onPaste(e, row, column)}
                        onClick={onPickCell ? () => onPickCell(path) : undefined}
                      />
                      {hasTip && (
                        <CellTip
                          id={tipId}
                          input={input}
                          findings={cellFindings?.findings}
                          guessed={guessed}
                          comments={cellComments}
                        />
                      )}
                    </td>
                  );
                })}
                {rowSums && (
                  <SumCell
                    sum={rowSums[row]}
                    mismatch={disagrees(rowSums[row], data?.[row]?.total)}
                    label={`${rowName} · ${sumLabel}`}
                  />
                )}
              </tr>
            );
          })}
        </tbody>
        {apps && (
          <tfoot>
            <tr className="grid-balance">
              <th scope="row" className="grid-rowhead">
                {t('form.balance')}
              </th>
              {columns.map((c) => {
                const b = apps.balance[c];
                if (!b || !b.intake.complete || !b.outflow.complete) {
                  return (
                    <td key={c} className="cell cell-computed">
                      –
                    </td>
                  );
                }
                const diff = b.intake.value - b.outflow.value;
                return (
                  <td key={c} className={`cell cell-computed ${diff === 0 ? 'ok' : 'mismatch'}`}>
                    {diff === 0
                      ? '✓'
                      : t('form.balanceDiff', { diff: diff > 0 ? `+${diff}` : diff })}
                  </td>
                );
              })}
              <td className="cell cell-na" />
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
});
