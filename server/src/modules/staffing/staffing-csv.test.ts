import { staffingCsv } from './staffing-csv';
import type { StaffingExportRow } from './staffing-panel.service';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","点我")',
  '+1+1',
  '-1+2',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
];

function aRow(name: string, holder: string): StaffingExportRow {
  return {
    organizationName: name,
    region: name,
    present: true,
    fullTimeStaff: 1,
    partTimeStaff: 0,
    leadingGroup: true,
    trainingsInYear: 2,
    lastUpdatedAt: '2024-01-02',
    posts: [{ labelZh: '信息员', holders: 1, vacantSince: null, names: [holder] }],
    flags: [],
  };
}

/** Cells of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function cells(csv: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^,\r\n]*)/gy;
  let i = csv.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < csv.length) {
    re.lastIndex = i;
    const m = re.exec(csv)!;
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
    i = re.lastIndex;
    if (csv.startsWith('\r\n', i)) i += 2;
    else if (csv[i] === ',') i += 1;
  }
  return out;
}

describe(staffingCsv.name, () => {
  it('writes no cell a spreadsheet would run as a formula, from names of bodies or holders', () => {
    const rows = HOSTILE.map((h) => aRow(h, h));
    const csv = staffingCsv(rows, '=标题', true);
    const all = cells(csv);
    for (const h of HOSTILE) expect(all.filter((c) => c === `'${h}`).length).toBe(3);
    expect(all.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(all[0]).toBe("'=标题");
  });

  it('keeps numbers as numbers', () => {
    const csv = staffingCsv([{ ...aRow('某县民政局', '张三'), fullTimeStaff: 3 }], '标题', false);
    expect(csv).toContain('某县民政局,某县民政局,是,3,0,是,2,2024-01-02,1,,');
  });
});
