import { randomUUID } from 'node:crypto';
import type { Rng } from '@gongkai/report-model/testing';
import type { EntityManager } from 'typeorm';
import {
  checkNewOrganization,
  insertCheckedOrganizations,
  type OrganizationRow,
  OrganizationLevel,
  type OrganizationToCreate,
  type OrganizationToCreateInList,
} from '../modules/organizations';
import type { DemoCalendar } from './demo-calendar';

/** The fictional demo city (演示省 · 演示市): names read like real ones, clearly not real. */
export const DEMO_PROVINCE = '演示省';
export const DEMO_CITY = '演示市';

export const DEMO_COUNTIES: readonly {
  code: string;
  name: string;
  townships: readonly string[];
}[] = [
  { code: 'DH', name: '东湖区', townships: ['湖滨街道', '东湖街道', '新港街道', '白沙镇'] },
  { code: 'XS', name: '西山区', townships: ['西山街道', '梅岭镇', '罗亭镇'] },
  { code: 'NX', name: '南溪县', townships: ['南溪镇', '石桥镇', '清水乡', '柳坪乡', '双河镇'] },
  { code: 'BL', name: '北岭县', townships: ['北岭镇', '高岗乡', '龙潭镇', '青石乡'] },
  {
    code: 'YT',
    name: '云台县',
    townships: ['云台镇', '金山乡', '石门镇', '桃源乡', '横塘镇', '马坪乡'],
  },
];

/** Department kinds: [code, name suffix, present in counties]. */
export const DEPARTMENT_KINDS: readonly [string, string, boolean][] = [
  ['FGW', '发展和改革委员会', true],
  ['JYJ', '教育局', true],
  ['KJJ', '科学技术局', true],
  ['GXJ', '工业和信息化局', true],
  ['GAJ', '公安局', true],
  ['MZJ', '民政局', true],
  ['SFJ', '司法局', true],
  ['CZJ', '财政局', true],
  ['RSJ', '人力资源和社会保障局', true],
  ['ZRZYJ', '自然资源局', true],
  ['STHJJ', '生态环境局', true],
  ['ZJJ', '住房和城乡建设局', true],
  ['JTJ', '交通运输局', true],
  ['SLJ', '水利局', true],
  ['NYJ', '农业农村局', true],
  ['SWJ', '商务局', true],
  ['WLJ', '文化和旅游局', true],
  ['WJW', '卫生健康委员会', true],
  ['TYJ', '退役军人事务局', true],
  ['YJJ', '应急管理局', true],
  ['SJJ', '审计局', true],
  ['SCJ', '市场监督管理局', true],
  ['TJJ', '统计局', true],
  ['YBJ', '医疗保障局', true],
  ['LYJ', '林业局', false],
  ['CGJ', '城市管理局', true],
  ['XFJ', '信访局', true],
  ['SJZY', '数据资源管理局', false],
  ['XZSP', '行政审批局', true],
  ['LSJ', '粮食和物资储备局', true],
  ['JGSW', '机关事务管理局', true],
  ['MZZJ', '民族宗教事务局', false],
  ['TYJU', '体育局', false],
  ['RFB', '人民防空办公室', false],
];

/** The demo tree: the province, the city with its departments, counties, their departments and townships. */
export type DemoOrganizations = {
  /** Every organization, in the order inserted. */
  readonly all: OrganizationRow[];
  readonly province: OrganizationRow;
  readonly city: OrganizationRow;
};

/**
 * Inserts the demo tree: 演示省, 演示市 with its departments, the counties of `DEMO_COUNTIES` with
 * theirs (a few kinds absent per county) and their townships; one body merged away and two set up
 * during the rounds shown. The tree is planned first (ids chosen here, parents first), then
 * written by the create command's list form in one go.
 */
export async function seedDemoOrganizations(
  manager: EntityManager,
  rng: Rng,
  calendar: DemoCalendar,
): Promise<DemoOrganizations> {
  const planned: OrganizationToCreateInList[] = [];
  // through the create command's checks and writer, as the system (no audit event: a load)
  const add = (
    code: string,
    name: string,
    level: OrganizationLevel,
    parentId: string | null,
    extra: Partial<OrganizationToCreate> = {},
  ): string => {
    const input: OrganizationToCreateInList = {
      id: randomUUID(),
      code: `DEMO-${code}`,
      name,
      level,
      parentId,
      isDemo: true,
      ...extra,
    };
    checkNewOrganization(input, `organizations.${planned.length}`);
    planned.push(input);
    return input.id!;
  };
  const province = add('P', DEMO_PROVINCE, OrganizationLevel.PROVINCE, null, {
    reports: false,
    region: DEMO_PROVINCE,
  });
  const city = add('C', `${DEMO_CITY}人民政府`, OrganizationLevel.CITY, province, {
    region: `${DEMO_PROVINCE}${DEMO_CITY}`,
    peerGroup: '地级市政府',
  });
  const departments = (
    prefix: string,
    label: string,
    parent: string,
    region: string,
    countyLevel: boolean,
  ) => {
    const kinds = DEPARTMENT_KINDS.filter(([, , inCounties]) => !countyLevel || inCounties);
    // counties differ a little: up to five kinds are absent (merged or not set up)
    for (let drop = countyLevel ? Math.floor(rng() * 6) : 0; drop > 0; drop--)
      kinds.splice(Math.floor(rng() * kinds.length), 1);
    for (const [code, suffix] of kinds) {
      const extra: Partial<OrganizationToCreate> = {
        kind: suffix,
        peerGroup: `${countyLevel ? '县级' : '市级'}${suffix}`,
        region,
      };
      // a body merged away and two set up during the rounds shown
      if (code === 'LSJ') extra.activeToYear = calendar.firstYear + 2; // into 发展和改革委员会
      if (code === 'JGSW') extra.activeFromYear = calendar.firstYear + 1;
      if (code === 'SJZY') extra.activeFromYear = calendar.firstYear + 1;
      add(`${prefix}-${code}`, `${label}${suffix}`, OrganizationLevel.DEPARTMENT, parent, extra);
    }
  };
  departments('C', DEMO_CITY, city, `${DEMO_PROVINCE}${DEMO_CITY}`, false);
  for (const county of DEMO_COUNTIES) {
    const region = `${DEMO_PROVINCE}${DEMO_CITY}${county.name}`;
    const gov = add(
      county.code,
      `${DEMO_CITY}${county.name}人民政府`,
      OrganizationLevel.COUNTY,
      city,
      { region, peerGroup: '县级政府' },
    );
    departments(county.code, county.name, gov, region, true);
    for (const [i, town] of county.townships.entries())
      add(`${county.code}-T${i + 1}`, `${county.name}${town}`, OrganizationLevel.TOWNSHIP, gov, {
        kind: town.endsWith('街道') ? '街道办事处' : '乡镇人民政府',
        peerGroup: '乡镇（街道）',
        region,
      });
  }
  const all = (await insertCheckedOrganizations(manager, null, planned)).map((w) => w.created);
  return { all, province: all[0]!, city: all[1]! };
}
