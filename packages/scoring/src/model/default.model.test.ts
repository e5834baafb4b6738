import { INDICATOR_IDS } from '../indicators/indicator.types';
import { DEFAULT_MODEL } from './default.model';
import { describeModel } from './describe-model';
import { validateModel } from './validate-model';

describe('DEFAULT_MODEL', () => {
  it('returns a valid model using every indicator once, with weights adding up to 100', () => {
    expect(validateModel(DEFAULT_MODEL)).toEqual([]);
    expect(DEFAULT_MODEL.indicators.map((e) => e.indicatorId).sort()).toEqual(
      [...INDICATOR_IDS].sort(),
    );
    expect(DEFAULT_MODEL.indicators.reduce((sum, e) => sum + e.weight, 0)).toBe(100);
  });

  it('returns its sources, including the statutory deadline article', () => {
    expect(DEFAULT_MODEL.sources.length).toBeGreaterThanOrEqual(4);
    expect(DEFAULT_MODEL.sources.some((s) => s.title.includes('国务院令第711号'))).toBe(true);
  });
});

describe(describeModel.name, () => {
  it('returns Markdown naming the version, every indicator with its weight, and the sources', () => {
    const sut = describeModel(DEFAULT_MODEL, 'en');
    expect(sut).toContain('version 1.0.0');
    expect(sut).toContain('| Timeliness (`timeliness`) | 20 (20.0%) |');
    expect(sut).toContain('bands: ≤0 → 1 · ≤3 → 0.8 · ≤7 → 0.6 · ≤15 → 0.4 · ≤30 → 0.2 · >30 → 0');
    expect(sut).toContain('percentile within the peer group');
    for (const source of DEFAULT_MODEL.sources) expect(sut).toContain(source.title);
    expect(sut.split('\n').filter((line) => line.startsWith('| ')).length).toBe(
      DEFAULT_MODEL.indicators.length + 1,
    );
  });

  it('returns Chinese labels when asked for zh', () => {
    const sut = describeModel(DEFAULT_MODEL, 'zh');
    expect(sut).toContain('按时报送（`timeliness`）');
    expect(sut).toContain('同类组内百分位');
  });
});
