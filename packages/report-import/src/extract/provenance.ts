import type { ProvenanceEntry } from '@gongkai/report-model';
import type { SourceLocation } from '../source-document.types';

/** Where a value was read, as a warning names it: the cell reference or the line number. */
export function describeLocation(location: SourceLocation): string {
  if (location.cell !== undefined) return location.cell;
  return location.line === undefined ? '?' : `第${location.line}行`;
}

export function provenanceOf(location: SourceLocation, confidence: number): ProvenanceEntry {
  // built field by field (called for every cell: object spreads cost more here)
  const entry: { line?: number; source?: string; confidence: number } = { confidence };
  if (location.line !== undefined) entry.line = location.line;
  if (location.cell !== undefined) entry.source = location.cell;
  return entry;
}
