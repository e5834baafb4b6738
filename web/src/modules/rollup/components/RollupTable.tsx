import {
  type AnnualReport,
  type CellDifference,
  cellLabel,
  findCell,
  rowLabel,
  type TableDefinition,
  tableLabel,
} from '@gongkai/report-model';
import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { controlId } from '../../submission-form/utils/findings-index';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { columnHeader, gridLines, tableColumns } from '../../submission-form/utils/table-layout';

type Props = {
  report: AnnualReport;
  table: TableDefinition;
  differences: ReadonlyMap<string, CellDifference>;
  /** Whether there is an own report to compare with (else no cell is marked). */
  compared: boolean;
};

/**
 * One table of the template, read-only, holding the departments' sums; a cell where the
 * government's own report says otherwise is marked and shows both values.
 */
export function RollupTable({ report, table, differences, compared }: Props) {
  const { t, locale, formatNumber } = useI18n();
  const lang = localeLang(locale);
  const data = report.tables[table.id];
  const lines = useMemo(
    () => gridLines(report.template, table, Object.keys(data ?? {})),
    [report.template, table, data],
  );
  const columns = useMemo(() => tableColumns(table), [table]);
  const show = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : formatNumber(v, { maximumFractionDigits: 4 });
  return (
    <div className="grid-wrap">
      <table className="grid rollup-grid" aria-label={tableLabel(table.id, lang)}>
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
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            if (line.kind !== 'row') return null;
            const row = line.row;
            return (
              <tr key={row}>
                <th scope="row" className="grid-rowhead">
                  {rowLabel(table.id, row, lang)}
                </th>
                {columns.map((column) => {
                  const path = `${table.id}.${row}.${column}`;
                  if (!findCell(report.template, path))
                    return <td key={column} className="cell cell-na" />;
                  const diff = differences.get(path);
                  const value = data?.[row]?.[column];
                  return (
                    <td
                      key={column}
                      id={controlId(path)}
                      tabIndex={-1}
                      className={`cell cell-readonly${diff ? ' cell-diff' : ''}`}
                      data-cell={path}
                      title={
                        diff
                          ? t('rollup.cellDiffers', {
                              cell: cellLabel(path, lang),
                              sum: show(diff.left),
                              own: show(diff.right),
                            })
                          : cellLabel(path, lang)
                      }
                    >
                      <span className="rollup-sum">{show(value)}</span>
                      {diff && compared && (
                        <span className="rollup-own">
                          {t('rollup.ownValue', { value: show(diff.right) })}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
