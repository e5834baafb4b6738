import type { PeerFindingData } from './peer-corpus';
import type { Finding } from './submission.model';
import { findingKey } from './submission.types';

/** A finding as the rule engine gives it and a version stores it. */
export type FindingLike = {
  rule: string;
  severity: string;
  cells: readonly string[];
  expected?: number;
  actual?: number;
  message: string;
  messageEn: string;
  data?: Partial<PeerFindingData>;
};

/** A stored finding as the API shows it, with the bureau's justification of it if any. */
export function toFinding(f: FindingLike, justification: string | null): Finding {
  return {
    key: findingKey(f),
    rule: f.rule,
    severity: f.severity,
    cells: [...f.cells],
    expected: f.expected ?? null,
    actual: f.actual ?? null,
    message: f.message,
    messageEn: f.messageEn,
    // stored findings never name a peer; `findings` fills this in for viewers who may see it
    peerOrganizationId: null,
    justification,
  };
}
