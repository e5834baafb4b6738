import { DEFAULT_MODEL, scoreAll, type ScoringInput } from '@gongkai/scoring';
import { boardTransferables, decodeBoard, encodeBoard } from './board-build';
import { buildBoardInWorker } from './board-build.runner';
import { FlagTable } from './flag-table';
import type { InputRef } from './input-ref';
import { RefTable } from './ref-table';

const AS_OF = '2024-03-01T12:00:00.000+08:00';

function anOrganization(i: number): { input: ScoringInput; ref: InputRef } {
  const organizationId = `0000000${i}-5b7e-4c1d-9e2f-0a1b2c3d4e5f`;
  const regionPath = i === 3 ? ['p', 'c'] : ['p', i % 2 === 0 ? 'c' : 'd', organizationId];
  const submitted = i % 3 !== 0;
  const firstSubmittedAt = submitted ? `2024-01-2${i}T10:00:00.000+08:00` : null;
  const peerGroup = i % 2 === 0 ? 'county-department' : 'city-department';
  const input: ScoringInput = {
    organizationId,
    peerGroup,
    regionPath,
    deadline: '2024-01-31T23:59:59.999+08:00',
    submission: submitted ? { status: 'submitted', firstSubmittedAt } : null,
    report: null,
    findings: [],
    previous: { rank: i === 1 ? 4 : null, score: i === 1 ? 88.5 : null },
  };
  const ref: InputRef = {
    organizationId,
    organizationName: `第${i}局`,
    regionName: i % 2 === 0 ? '丙县' : null,
    regionPath,
    peerGroup,
    departmentType: null,
    deadline: '2024-01-31T23:59:59.999+08:00',
    status: submitted ? 'SUBMITTED' : null,
    firstSubmittedAt,
    lastSubmittedAt: firstSubmittedAt,
    returnedAt: null,
    versionId: submitted ? `1000000${i}-5b7e-4c1d-9e2f-0a1b2c3d4e5f` : null,
    previousVersionId: null,
    roster: null,
  };
  return { input, ref };
}

describe(decodeBoard.name, () => {
  it('returns the board, references and flags encodeBoard was given, after a move between threads', () => {
    const organizations = [1, 2, 3, 4, 5, 6].map(anOrganization);
    const board = scoreAll(
      organizations.map((o) => o.input),
      DEFAULT_MODEL,
      { asOf: AS_OF },
    );
    const builder = RefTable.builder();
    for (const { ref } of organizations) builder.add(ref);
    const order = organizations.map((_, i) => i);
    const refs = builder.build(order);
    const flagBuilder = FlagTable.builder();
    flagBuilder.add(1, [
      {
        id: 'timeliness.late',
        severity: 'warning',
        organizationId: organizations[1]?.input.organizationId ?? '',
        message: '逾期3天报送',
        messageEn: 'submitted 3 day(s) late',
        evidence: { days: 3 },
      },
    ]);
    const flags = flagBuilder.build(order);

    // Moving detaches the sent buffers (the board's own): compare with copies.
    const expected = {
      scores: board.scores.slice(),
      normalised: board.normalised.slice(),
      raw: board.raw.slice(),
      status: board.status.slice(),
      digests: order.map((row) => refs.digest(row)),
      flags: order.map((row) => flags.templatesOf(row)),
    };
    const parts = { ...encodeBoard(board, refs, flags), statements: 1 };
    const moved = structuredClone(parts, { transfer: boardTransferables(parts) });
    const sut = decodeBoard(moved, DEFAULT_MODEL);

    expect(sut.board.rows).toEqual(board.rows);
    expect([...sut.board.rowIndex]).toEqual([...board.rowIndex]);
    expect(board.scores).toHaveLength(0);
    expect(sut.board.scores).toEqual(expected.scores);
    expect(sut.board.normalised).toEqual(expected.normalised);
    expect(sut.board.raw).toEqual(expected.raw);
    expect(sut.board.status).toEqual(expected.status);
    expect(sut.board.weights).toEqual(board.weights);
    organizations.forEach(({ ref }, row) => {
      expect(sut.refs.get(row)).toEqual(ref);
      expect(sut.refs.digest(row)).toBe(expected.digests[row]);
      expect(sut.flags.templatesOf(row)).toEqual(expected.flags[row]);
    });
    expect(sut.flags.templatesOf(1)).toHaveLength(1);
  });
});

describe(buildBoardInWorker.name, () => {
  /** A round whose database is unreachable. */
  const input = (roundId: string) => ({
    databaseUrl: 'postgres://nobody:secret@127.0.0.1:1/none',
    request: {
      round: { id: roundId, year: 2024, scopeOrganizationId: 'o', scopePath: '/o/' },
      model: DEFAULT_MODEL,
      asOf: AS_OF,
      rosterUpdatedSince: null,
    },
    roster: false,
  });

  it('rejects with the worker’s own error when the build fails', async () => {
    await expect(buildBoardInWorker(input('r'), null)).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it('stops a build that outgrows its heap limit and says so, leaving this thread running', async () => {
    await expect(buildBoardInWorker(input('r-large'), null, 2)).rejects.toThrow(
      'building the score board of round r-large needed more than 2 MB of memory',
    );
  });
});
