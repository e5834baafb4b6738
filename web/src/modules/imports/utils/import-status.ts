import type { Tone } from '../../../ui/Badge';

export const ITEM_STATUSES = [
  'STORED',
  'NEEDS_CHOICE',
  'MATCHED',
  'NOT_A_REPORT',
  'FAILED',
  'PENDING',
  'CANCELLED',
] as const;

export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const STATUS_TONE: Record<ItemStatus, Tone> = {
  STORED: 'ok',
  NEEDS_CHOICE: 'warn',
  MATCHED: 'info',
  NOT_A_REPORT: 'neutral',
  FAILED: 'error',
  PENDING: 'neutral',
  CANCELLED: 'neutral',
};

/** The counts field of each status. */
export const COUNT_FIELD = {
  STORED: 'stored',
  NEEDS_CHOICE: 'needsChoice',
  MATCHED: 'matched',
  NOT_A_REPORT: 'notAReport',
  FAILED: 'failed',
  PENDING: 'pending',
  CANCELLED: 'cancelled',
} as const satisfies Record<ItemStatus, string>;
