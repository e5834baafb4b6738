import { flagListOf } from './result-flags.port';

/** The flags of a row as the stream's text column carries them (`ResultFlagsPort.flagListSql`). */
describe('flagListOf', () => {
  it('reads every id and severity in order', () => {
    expect(
      flagListOf('timeliness.late error,outlier.peerBand warning,timeliness.late error'),
    ).toEqual([
      { id: 'timeliness.late', severity: 'error' },
      { id: 'outlier.peerBand', severity: 'warning' },
      { id: 'timeliness.late', severity: 'error' },
    ]);
    expect(flagListOf('staffing.noTraining info')).toEqual([
      { id: 'staffing.noTraining', severity: 'info' },
    ]);
  });

  it('reads no flags from null or an empty text', () => {
    expect(flagListOf(null)).toEqual([]);
    expect(flagListOf('')).toEqual([]);
  });
});
