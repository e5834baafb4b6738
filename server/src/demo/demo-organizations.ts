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
