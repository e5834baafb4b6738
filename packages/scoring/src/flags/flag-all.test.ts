import { FLAG_CATALOGUE } from './flag.catalogue';
import { FLAG_IDS } from './flag.types';
import { flagAll, flagOrganization } from './flag-all';
import { AS_OF, aReport, aScoringInput, withCell } from '../testing/scoring-input.factory';

describe(flagAll.name, () => {
  it('returns every organization, with peer-band flags added to the right one', () => {
    const inputs = Array.from({ length: 12 }, (_, i) =>
      aScoringInput({
        organizationId: `o${i}`,
        report: withCell(aReport(), 'applications.newReceived.total', i === 5 ? 5000 : 20 + i),
      }),
    );
    const sut = flagAll(inputs, { asOf: AS_OF });
    expect(sut.size).toBe(12);
    expect(sut.get('o5')?.map((f) => f.id)).toEqual(['outlier.peerBand']);
    expect(sut.get('o4')).toEqual([]);
  });
});

describe(flagOrganization.name, () => {
  it('returns flags from every family for one organization', () => {
    const sut = flagOrganization(
      aScoringInput({
        submission: { status: 'submitted', firstSubmittedAt: '2024-02-02T09:00:00+08:00' },
        report: aReport({
          staffing: { dedicatedStaff: 0, partTimeStaff: 1, trainings: 1, leadingGroup: true },
        }),
        previous: { report: withCell(aReport(), 'applications.newReceived.total', 1000) },
      }),
      { asOf: AS_OF },
    );
    expect(sut.map((f) => f.id)).toEqual([
      'timeliness.late',
      'originality.unchanged',
      'staffing.noDedicatedStaff',
      'outlier.yearOnYear',
    ]);
  });
});

describe('FLAG_CATALOGUE', () => {
  it('returns a bilingual entry for every flag id, keyed by its own id', () => {
    for (const id of FLAG_IDS) {
      const entry = FLAG_CATALOGUE[id];
      expect(entry.id).toBe(id);
      expect(entry.labelZh).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.labelEn).toMatch(/^[A-Z]/);
      expect(entry.descriptionZh.length).toBeGreaterThan(4);
      expect(entry.descriptionEn.length).toBeGreaterThan(10);
    }
    expect(Object.keys(FLAG_CATALOGUE).sort()).toEqual([...FLAG_IDS].sort());
  });
});
