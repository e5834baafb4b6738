import { createRng, type Rng } from './generate-report';
import type { NationBody, NationOptions } from './nation.types';

const DEPARTMENTS: readonly (readonly [string, string])[] = [
  ['FGW', '发展和改革委员会'],
  ['JYJ', '教育局'],
  ['KJJ', '科学技术局'],
  ['GXJ', '工业和信息化局'],
  ['GAJ', '公安局'],
  ['MZJ', '民政局'],
  ['SFJ', '司法局'],
  ['CZJ', '财政局'],
  ['RSJ', '人力资源和社会保障局'],
  ['ZRZYJ', '自然资源局'],
  ['STHJJ', '生态环境局'],
  ['ZJJ', '住房和城乡建设局'],
  ['JTJ', '交通运输局'],
  ['SLJ', '水利局'],
  ['NYJ', '农业农村局'],
  ['SWJ', '商务局'],
  ['WLJ', '文化和旅游局'],
  ['WJW', '卫生健康委员会'],
  ['TYJ', '退役军人事务局'],
  ['YJJ', '应急管理局'],
  ['SJJ', '审计局'],
  ['SCJ', '市场监督管理局'],
  ['TJJ', '统计局'],
  ['YBJ', '医疗保障局'],
  ['LYJ', '林业局'],
  ['CGJ', '城市管理局'],
  ['XFJ', '信访局'],
  ['XZSP', '行政审批局'],
  ['JGSW', '机关事务管理局'],
  ['RFB', '人民防空办公室'],
];

// Two-character place names, clearly fictional: first × second syllable, by index.
const FIRST = '青河东南北西平永长清安宁新兴云金石龙凤白碧桃柳梅松竹兰丰嘉华瑞和福泰康';
const SECOND = '川原林山湖阳江岭泉溪城州丘峰池川源台田坪桥湾洲口港塘亭岗滩浦';

function placeName(index: number): string {
  const a = FIRST[index % FIRST.length] ?? '青';
  const b = SECOND[Math.floor(index / FIRST.length) % SECOND.length] ?? '川';
  const round = Math.floor(index / (FIRST.length * SECOND.length));
  return round === 0 ? `${a}${b}` : `${a}${b}${round + 1}`;
}

function between(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng() * (high - low + 1));
}

/**
 * The hierarchy: `bodies` reporting organizations under one national root (level `NATION`,
 * reporting nothing itself), which holds the provinces. Provinces hold 8–14
 * cities, cities 5–12 counties and districts; each government has 18–30 departments of the
 * usual kinds, counties 3–8 townships. Generation stops at exactly `bodies` reporting bodies.
 */
export function generateNationBodies(options: NationOptions): NationBody[] {
  const rng = createRng((options.seed ?? 1) ^ 0x5eed);
  const prefix = options.codePrefix ?? 'N';
  const out: NationBody[] = [];
  let reporting = 0;
  let places = 0;
  const full = () => reporting >= options.bodies;
  const add = (body: NationBody) => {
    if (body.reports) {
      if (full()) return false;
      reporting += 1;
    }
    out.push(body);
    return true;
  };
  add({
    code: prefix,
    name: '全国',
    level: 'NATION',
    parentCode: null,
    kind: null,
    peerGroup: null,
    region: null,
    reports: false,
  });
  const departments = (
    parentCode: string,
    place: string,
    region: string,
    tier: '省级' | '市级' | '县级',
  ) => {
    const kinds = [...DEPARTMENTS];
    for (let drop = between(rng, 0, 12); drop > 0; drop -= 1)
      kinds.splice(Math.floor(rng() * kinds.length), 1);
    for (const [code, suffix] of kinds)
      if (
        !add({
          code: `${parentCode}-${code}`,
          name: `${place}${suffix}`,
          level: 'DEPARTMENT',
          parentCode,
          kind: suffix,
          peerGroup: `${tier}${suffix}`,
          region,
          reports: true,
        })
      )
        return;
  };
  for (let p = 1; !full(); p += 1) {
    const provinceName = `${placeName(places++)}省`;
    const pCode = `${prefix}-P${p}`;
    add({
      code: pCode,
      name: `${provinceName}人民政府`,
      level: 'PROVINCE',
      parentCode: prefix,
      kind: null,
      peerGroup: '省级政府',
      region: provinceName,
      reports: true,
    });
    departments(pCode, provinceName, provinceName, '省级');
    const cities = between(rng, 8, 14);
    for (let c = 1; c <= cities && !full(); c += 1) {
      const cityName = `${placeName(places++)}市`;
      const cCode = `${pCode}-C${c}`;
      const cityRegion = `${provinceName}${cityName}`;
      add({
        code: cCode,
        name: `${cityName}人民政府`,
        level: 'CITY',
        parentCode: pCode,
        kind: null,
        peerGroup: '地级市政府',
        region: cityRegion,
        reports: true,
      });
      departments(cCode, cityName, cityRegion, '市级');
      const counties = between(rng, 5, 12);
      for (let k = 1; k <= counties && !full(); k += 1) {
        const countyName = `${placeName(places++)}${rng() < 0.4 ? '区' : '县'}`;
        const kCode = `${cCode}-K${k}`;
        const countyRegion = `${cityRegion}${countyName}`;
        add({
          code: kCode,
          name: `${cityName}${countyName}人民政府`,
          level: 'COUNTY',
          parentCode: cCode,
          kind: null,
          peerGroup: '县级政府',
          region: countyRegion,
          reports: true,
        });
        departments(kCode, countyName, countyRegion, '县级');
        const towns = between(rng, 3, 8);
        for (let t = 1; t <= towns && !full(); t += 1) {
          const street = rng() < 0.35;
          add({
            code: `${kCode}-T${t}`,
            name: `${countyName}${placeName(places++)}${street ? '街道' : rng() < 0.3 ? '乡' : '镇'}`,
            level: 'TOWNSHIP',
            parentCode: kCode,
            kind: street ? '街道办事处' : '乡镇人民政府',
            peerGroup: '乡镇（街道）',
            region: countyRegion,
            reports: true,
          });
        }
      }
    }
  }
  return out;
}
