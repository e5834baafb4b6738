/**
 * Every display label of the report model, in one place: tables, rows, columns, sections and
 * templates, in Chinese (zh-CN, as printed in the official templates) and English. Keys never
 * carry Chinese; code refers to keys and looks the labels up here.
 */
export type Label = { readonly zh: string; readonly en: string };
export type RowLabel = Label & {
  /** Other wordings seen in real reports (for importers and search). */
  readonly aliases?: readonly string[];
};

export const TABLE_LABELS = {
  article20: { zh: '主动公开政府信息情况', en: 'Proactive disclosure (Article 20)' },
  applications: {
    zh: '收到和处理政府信息公开申请情况',
    en: 'Applications received and handled',
  },
  reviewLitigation: {
    zh: '政府信息公开行政复议、行政诉讼情况',
    en: 'Administrative review and litigation',
  },
  legacyStats: { zh: '政府信息公开情况统计表', en: 'Statistics table (pre-2019)' },
} as const satisfies Record<string, Label>;

export const SECTION_LABELS = {
  overview: { zh: '一、总体情况', en: '1. Overview' },
  proactive: { zh: '二、主动公开政府信息情况', en: '2. Proactive disclosure' },
  applications: {
    zh: '三、收到和处理政府信息公开申请情况',
    en: '3. Applications received and handled',
  },
  reviewLitigation: {
    zh: '四、政府信息公开行政复议、行政诉讼情况',
    en: '4. Administrative review and litigation',
  },
  problems: { zh: '五、存在的主要问题及改进情况', en: '5. Main problems and improvements' },
  other: { zh: '六、其他需要报告的事项', en: '6. Other matters' },
} as const satisfies Record<string, Label>;

export const TEMPLATE_LABELS = {
  '2021': { zh: '国办公开办函〔2021〕30号模板', en: '2021 national template' },
  '2019': { zh: '国办公开办函〔2019〕60号模板', en: '2019 national template' },
  'legacy-fujian': { zh: '福建式附表（2014—2018）', en: 'Fujian-style appendix table (2014–2018)' },
  'legacy-2011': { zh: '旧式统计表（约2008—2013）', en: 'Older statistics table (c. 2008–2013)' },
  narrative: { zh: '无统计表的文字报告', en: 'Narrative report without tables' },
} as const satisfies Record<string, Label>;

export const ROW_LABELS = {
  article20: {
    regulations: { zh: '规章', en: 'Regulations' },
    normativeDocuments: {
      zh: '行政规范性文件',
      en: 'Normative documents',
      aliases: ['规范性文件'],
    },
    licensing: { zh: '行政许可', en: 'Administrative licensing' },
    otherServices: { zh: '其他对外管理服务事项', en: 'Other external management services' },
    penalties: { zh: '行政处罚', en: 'Administrative penalties' },
    enforcement: { zh: '行政强制', en: 'Administrative enforcement' },
    fees: { zh: '行政事业性收费', en: 'Administrative fees' },
    procurement: { zh: '政府集中采购', en: 'Centralised government procurement' },
  },
  applications: {
    newReceived: {
      zh: '一、本年新收政府信息公开申请数量',
      en: 'I. New applications received this year',
    },
    carriedOver: {
      zh: '二、上年结转政府信息公开申请数量',
      en: 'II. Applications carried over from last year',
    },
    granted: { zh: '三（一）予以公开', en: 'III(1) Granted' },
    partiallyGranted: {
      zh: '三（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      en: 'III(2) Partially granted',
    },
    deniedStateSecret: { zh: '三（三）1.属于国家秘密', en: 'III(3)1 Denied: state secret' },
    deniedProhibitedByLaw: {
      zh: '三（三）2.其他法律行政法规禁止公开',
      en: 'III(3)2 Denied: prohibited by other laws',
    },
    deniedEndangersSecurity: {
      zh: '三（三）3.危及“三安全一稳定”',
      en: 'III(3)3 Denied: endangers security or stability',
    },
    deniedThirdPartyRights: {
      zh: '三（三）4.保护第三方合法权益',
      en: 'III(3)4 Denied: third-party rights',
    },
    deniedInternalAffairs: {
      zh: '三（三）5.属于三类内部事务信息',
      en: 'III(3)5 Denied: internal affairs',
    },
    deniedProcessInformation: {
      zh: '三（三）6.属于四类过程性信息',
      en: 'III(3)6 Denied: process information',
    },
    deniedEnforcementFiles: {
      zh: '三（三）7.属于行政执法案卷',
      en: 'III(3)7 Denied: enforcement case files',
    },
    deniedQueryMatters: {
      zh: '三（三）8.属于行政查询事项',
      en: 'III(3)8 Denied: administrative query matters',
    },
    unavailableNotHeld: {
      zh: '三（四）1.本机关不掌握相关政府信息',
      en: 'III(4)1 Unavailable: not held',
    },
    unavailableNeedsCreation: {
      zh: '三（四）2.没有现成信息需要另行制作',
      en: 'III(4)2 Unavailable: would need to be created',
    },
    unavailableStillUnclear: {
      zh: '三（四）3.补正后申请内容仍不明确',
      en: 'III(4)3 Unavailable: still unclear after correction',
    },
    unprocessedComplaint: {
      zh: '三（五）1.信访举报投诉类申请',
      en: 'III(5)1 Not processed: petition or complaint',
    },
    unprocessedDuplicate: { zh: '三（五）2.重复申请', en: 'III(5)2 Not processed: duplicate' },
    unprocessedPublication: {
      zh: '三（五）3.要求提供公开出版物',
      en: 'III(5)3 Not processed: publication requested',
    },
    unprocessedExcessive: {
      zh: '三（五）4.无正当理由大量反复申请',
      en: 'III(5)4 Not processed: excessive repeated applications',
    },
    unprocessedConfirmation: {
      zh: '三（五）5.要求行政机关确认或重新出具已获取信息',
      en: 'III(5)5 Not processed: confirmation of information already obtained',
    },
    otherHandling: { zh: '三（六）其他处理', en: 'III(6) Other handling' },
    otherNoCorrection: {
      zh: '三（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      en: 'III(6)1 Other: applicant did not correct in time',
    },
    otherNoFee: {
      zh: '三（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      en: 'III(6)2 Other: applicant did not pay the fee in time',
    },
    otherOther: { zh: '三（六）3.其他', en: 'III(6)3 Other' },
    total: { zh: '三（七）总计', en: 'III(7) Total handled' },
    carriedForward: {
      zh: '四、结转下年度继续办理',
      en: 'IV. Carried forward to next year',
    },
  },
  reviewLitigation: {
    review: { zh: '行政复议', en: 'Administrative review' },
    litigationDirect: {
      zh: '行政诉讼·未经复议直接起诉',
      en: 'Litigation without prior review',
    },
    litigationAfterReview: { zh: '行政诉讼·复议后起诉', en: 'Litigation after review' },
  },
  legacyStats: {
    proactiveTotal: {
      zh: '主动公开文件数',
      en: 'Items proactively disclosed',
      aliases: ['主动公开信息数'],
    },
    proactiveWebsite: {
      zh: '其中：政府网站公开数',
      en: 'of which on the government website',
      aliases: ['网站公开'],
    },
    proactiveGazette: {
      zh: '政府公报公开数',
      en: 'of which in the government gazette',
      aliases: ['政府公报公开'],
    },
    applicationsTotal: {
      zh: '受理政府信息公开申请总数',
      en: 'Applications accepted',
      aliases: ['受理依申请公开信息总数'],
    },
    applicationsInPerson: { zh: '当面申请数', en: 'Applications in person' },
    applicationsOnline: { zh: '网上申请数', en: 'Applications online' },
    applicationsLetter: {
      zh: '信函申请数',
      en: 'Applications by letter',
      aliases: ['信函、传真申请数'],
    },
    applicationsFax: { zh: '传真申请数', en: 'Applications by fax' },
    applicationsEmail: { zh: '电子邮件申请数', en: 'Applications by e-mail' },
    applicationsReferred: { zh: '上级转交数', en: 'Applications referred from above' },
    applicationsOther: { zh: '其它形式申请数', en: 'Applications in other forms' },
    responsesTotal: { zh: '对申请的答复总数', en: 'Responses to applications' },
    responsesGranted: { zh: '同意公开答复数', en: 'Responses granting disclosure' },
    responsesPartial: { zh: '同意部分公开答复数', en: 'Responses granting partial disclosure' },
    responsesDenied: {
      zh: '不予公开答复总数',
      en: 'Responses denying disclosure',
      aliases: ['否决公开答复数'],
    },
    responsesOther: { zh: '其他类型答复总数', en: 'Other responses' },
    feeWaiverYuan: { zh: '政府信息公开收费减免金额', en: 'Fees waived (yuan)' },
    complaints: { zh: '接受行政申诉、举报数', en: 'Complaints and reports received' },
    administrativeReviews: { zh: '行政复议数', en: 'Administrative reviews' },
    lawsuits: { zh: '行政诉讼数', en: 'Lawsuits' },
  },
} as const satisfies Record<string, Record<string, RowLabel>>;

export const COLUMN_LABELS = {
  article20: {
    issued: { zh: '本年制发件数', en: 'Issued this year' },
    repealed: { zh: '本年废止件数', en: 'Repealed this year' },
    inForce: { zh: '现行有效件数', en: 'In force' },
    decisions: { zh: '本年处理决定数量', en: 'Decisions this year' },
    amount: { zh: '金额', en: 'Amount' },
    made: { zh: '本年新制作数量', en: 'Made this year' },
    published: { zh: '本年新公开数量', en: 'Published this year' },
    totalPublic: { zh: '对外公开总数量', en: 'Total public' },
    previousItems: { zh: '上一年项目数量', en: 'Items last year' },
    change: { zh: '本年增/减', en: 'Change this year' },
    projects: { zh: '采购项目数量', en: 'Procurement projects' },
  },
  applications: {
    natural: { zh: '自然人', en: 'Natural persons' },
    commercial: { zh: '商业企业', en: 'Businesses' },
    research: { zh: '科研机构', en: 'Research institutions' },
    publicInterest: { zh: '社会公益组织', en: 'Public-interest organisations' },
    legal: { zh: '法律服务机构', en: 'Legal service providers' },
    other: { zh: '其他', en: 'Other applicants' },
    total: { zh: '总计', en: 'Total' },
  },
  reviewLitigation: {
    upheld: { zh: '结果维持', en: 'Upheld' },
    corrected: { zh: '结果纠正', en: 'Corrected' },
    other: { zh: '其他结果', en: 'Other outcome' },
    pending: { zh: '尚未审结', en: 'Pending' },
    total: { zh: '总计', en: 'Total' },
  },
  legacyStats: {
    year: { zh: '本年度', en: 'This year' },
    cumulative: { zh: '历年累计', en: 'Cumulative' },
  },
} as const satisfies Record<string, Record<string, Label>>;

/** Labels of the cells whose printed column label depends on the template. */
export const CELL_LABEL_OVERRIDES: Readonly<Record<string, Label>> = {
  'article20.fees.amount': { zh: '本年收费金额（单位：万元）', en: 'Fees collected (10k yuan)' },
  'article20.procurement.amount': { zh: '采购总金额', en: 'Total procurement amount' },
};
