import type { OrganizationLevel } from '../organizations';

/** A required post as configured for a round (what `setRequiredPosts` takes). */
export type RequiredPostSpec = {
  readonly postKey: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly minCount: number;
  readonly fullTimeRequired: boolean;
  readonly countsAsStaff: boolean;
  readonly organizationLevel?: OrganizationLevel | null;
  readonly organizationKind?: string | null;
  readonly sortOrder?: number | null;
};

/**
 * The default set ("明确专门机构、专职人员"): a leader in charge, a designated office, at least
 * one full-time disclosure worker, a part-time liaison and a confidentiality reviewer. Holders
 * of the worker and liaison posts are the staff the report's 专职/兼职 figures count.
 */
export const DEFAULT_POSTS: readonly RequiredPostSpec[] = [
  {
    postKey: 'leaderInCharge',
    labelZh: '分管领导',
    labelEn: 'Leader in charge',
    minCount: 1,
    fullTimeRequired: false,
    countsAsStaff: false,
    sortOrder: 1,
  },
  {
    postKey: 'disclosureOffice',
    labelZh: '政务公开工作机构',
    labelEn: 'Designated disclosure office',
    minCount: 1,
    fullTimeRequired: false,
    countsAsStaff: false,
    sortOrder: 2,
  },
  {
    postKey: 'dedicatedStaff',
    labelZh: '专职工作人员',
    labelEn: 'Full-time disclosure staff',
    minCount: 1,
    fullTimeRequired: true,
    countsAsStaff: true,
    sortOrder: 3,
  },
  {
    postKey: 'liaison',
    labelZh: '信息员',
    labelEn: 'Liaison (part-time)',
    minCount: 1,
    fullTimeRequired: false,
    countsAsStaff: true,
    sortOrder: 4,
  },
  {
    postKey: 'confidentialityReview',
    labelZh: '保密审查负责人',
    labelEn: 'Confidentiality review',
    minCount: 1,
    fullTimeRequired: false,
    countsAsStaff: false,
    sortOrder: 5,
  },
];

/** Post keys whose holders count as staff when a round configures no posts. */
export const DEFAULT_STAFF_POSTS: ReadonlySet<string> = new Set(
  DEFAULT_POSTS.filter((p) => p.countsAsStaff).map((p) => p.postKey),
);
