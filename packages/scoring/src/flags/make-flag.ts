import { FLAG_CATALOGUE } from './flag.catalogue';
import type { EvidenceValue, Flag, FlagId } from './flag.types';

export function makeFlag(
  id: FlagId,
  organizationId: string,
  message: string,
  messageEn: string,
  evidence: Readonly<Record<string, EvidenceValue>>,
): Flag {
  return {
    id,
    severity: FLAG_CATALOGUE[id].severity,
    organizationId,
    message,
    messageEn,
    evidence,
  };
}
