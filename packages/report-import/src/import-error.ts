export type ImportErrorCode =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'undecodable'
  | 'unsupported-format'
  | 'corrupt-archive'
  | 'archive-too-large'
  | 'missing-part'
  | 'not-a-template-workbook'
  | 'encrypted-pdf'
  | 'corrupt-pdf'
  | 'pdf-no-text'
  | 'pdf-too-many-pages'
  | 'pdf-timeout'
  | 'pdf-too-complex'
  | 'converter-missing'
  | 'conversion-failed'
  | 'conversion-timeout';

/** Where in the input a problem was found: a byte offset, a line, an archive entry or a cell. */
export type ImportErrorLocation = {
  readonly file: string;
  readonly byte?: number;
  readonly line?: number;
  readonly entry?: string;
  readonly cell?: string;
};

/** A file that cannot be read as a report. The message is one line, for people. */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly location: ImportErrorLocation,
    /** Values a translated sentence needs (pages, limit, seconds, format), besides the file. */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }

  /** One line: `file (where): message`. */
  describe(): string {
    const { file, byte, line, entry, cell } = this.location;
    const where = [
      entry === undefined ? null : `entry ${entry}`,
      cell === undefined ? null : `cell ${cell}`,
      line === undefined ? null : `line ${line}`,
      byte === undefined ? null : `byte ${byte}`,
    ].filter((part) => part !== null);
    return `${file}${where.length > 0 ? ` (${where.join(', ')})` : ''}: ${this.message}`;
  }
}
