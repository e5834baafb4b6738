import { describe, expect, it } from 'vitest';
import { beyondBrowser } from './beyond-browser';

describe(beyondBrowser.name, () => {
  it('keeps only the findings of round and server rules', () => {
    const sut = beyondBrowser([
      { rule: 'originality.peer' },
      { rule: 'timeliness.deadline' },
      { rule: 'applications.rowTotal' },
      { rule: 'originality.previousYear' },
    ]);
    expect(sut.map((f) => f.rule)).toEqual(['originality.peer', 'timeliness.deadline']);
  });
});
