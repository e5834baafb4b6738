import { csvDocument } from '@gongkai/office';
import type { StaffingExportRow } from './staffing-panel.service';

/**
 * The staffing sheet as RFC 4180 CSV with a UTF-8 BOM (Excel). One row per organization: staff
 * counts, leading group, trainings, then per required post its holder count and "vacant since";
 * a names column per post only when names were included.
 */
export function staffingCsv(
  rows: readonly StaffingExportRow[],
  title: string,
  includeNames: boolean,
): string {
  const posts: string[] = [];
  for (const row of rows)
    for (const p of row.posts) if (!posts.includes(p.labelZh)) posts.push(p.labelZh);
  const header = [
    '单位',
    '所属地区',
    '有花名册',
    '专职人数',
    '兼职人数',
    '领导小组',
    '本年度培训次数',
    '花名册更新时间',
    ...posts.flatMap((label) => [
      `${label}·在岗人数`,
      `${label}·空缺起始日`,
      ...(includeNames ? [`${label}·姓名`] : []),
    ]),
    '人员问题',
  ];
  const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');
  return csvDocument([
    [title],
    header,
    ...rows.map((row) => [
      row.organizationName,
      row.region,
      row.present ? '是' : '否',
      row.fullTimeStaff,
      row.partTimeStaff,
      yesNo(row.leadingGroup),
      row.trainingsInYear,
      row.lastUpdatedAt,
      ...posts.flatMap((label) => {
        const p = row.posts.find((x) => x.labelZh === label);
        const base = [p ? p.holders : null, p?.vacantSince ?? null];
        return includeNames ? [...base, p?.names?.join('、') ?? null] : base;
      }),
      row.flags.join('；'),
    ]),
  ]);
}
