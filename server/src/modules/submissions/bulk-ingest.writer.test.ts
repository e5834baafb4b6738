import { bulkReport, checkItem } from '../../../test/support/bulk-items';
import { BulkChecker } from './bulk-check';
import { computedInputs, computeInputsInTurns, type PreparedFiling } from './bulk-ingest.writer';
import { SubmissionStatus } from './submission.entity';
import type { VersionsWrittenObserver, WrittenVersion } from './versions-written.port';

const report = bulkReport;

const item = checkItem;

const observer = (
  computeWritten?: (version: WrittenVersion) => string | null,
): VersionsWrittenObserver => ({
  versionsWritten: () => Promise.resolve(),
  ...(computeWritten ? { computeWritten } : {}),
});

describe(computedInputs.name, () => {
  it("hands each checked version to the observer's computation and keeps what it returns", () => {
    const previous = { versionId: 'p', report: JSON.stringify(report(3, '甲局', 2023)) };
    const items = [
      item(0, 'a', report(1, '甲局')),
      {
        ...item(1, 'b', report(2, '乙局')),
        previous: { ...previous, errorCount: 1, warningCount: 2 },
      },
    ];
    const outcome = new BulkChecker(2024).check({ year: 2024, check: true, items });
    const rows: PreparedFiling[] = outcome.checked.map((checked, i) => ({
      submissionId: `s${i}`,
      organizationId: items[i]!.organizationId,
      status: SubmissionStatus.SUBMITTED,
      submittedAt: null,
      approvedAt: null,
      publishedAt: null,
      createdAt: '2025-01-10T00:00:00.000Z',
      previousVersionId: items[i]!.previous?.versionId ?? null,
      previous: items[i]!.previous,
      checked,
    }));
    const seen: WrittenVersion[] = [];
    const computed = computedInputs(
      observer((version) => {
        seen.push(version);
        if (version.previous) throw new Error('not this one');
        return `{"n":${seen.length}}`;
      }),
      rows,
    );
    expect(seen.map((v) => v.versionId)).toEqual(outcome.checked.map((c) => c.versionId));
    expect(seen[0]).toEqual({
      versionId: outcome.checked[0]!.versionId,
      report: outcome.checked[0]!.report,
      findings: outcome.checked[0]!.findings,
      previous: null,
    });
    expect(seen[1]!.previous).toEqual({ ...previous, errorCount: 1, warningCount: 2 });
    // a computation that fails leaves the version to the observer's own reading
    expect([...computed]).toEqual([[outcome.checked[0]!.versionId, '{"n":1}']]);
    // without an observer's computation nothing is computed
    expect(computedInputs(observer(), rows).size).toBe(0);
  });
});

describe(computeInputsInTurns.name, () => {
  it('computes what computedInputs does, a few versions per turn of the event loop', async () => {
    const items = Array.from({ length: 60 }, (_, i) => item(i, `o${i}`, report(i, `局${i}`)));
    const outcome = new BulkChecker(2024).check({ year: 2024, check: true, items });
    const rows: PreparedFiling[] = outcome.checked.map((checked, i) => ({
      submissionId: `s${i}`,
      organizationId: items[i]!.organizationId,
      status: SubmissionStatus.SUBMITTED,
      submittedAt: null,
      approvedAt: null,
      publishedAt: null,
      createdAt: '2025-01-10T00:00:00.000Z',
      previousVersionId: null,
      previous: null,
      checked,
    }));
    let turns = 0;
    let computing = true;
    const count = async () => {
      while (computing) {
        turns += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const compute = (version: WrittenVersion) =>
      version.versionId.endsWith('0') ? null : `{"v":"${version.versionId}"}`;
    const counting = count();
    const sut = await computeInputsInTurns(observer(compute), rows);
    computing = false;
    await counting;
    expect([...sut]).toEqual([...computedInputs(observer(compute), rows)]);
    expect(sut.size).toBeGreaterThan(40);
    // other I/O had turns while it computed (60 versions: three slices)
    expect(turns).toBeGreaterThanOrEqual(2);
    expect((await computeInputsInTurns(observer(), rows)).size).toBe(0);
  });
});
