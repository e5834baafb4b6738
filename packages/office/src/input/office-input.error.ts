export type OfficeInputErrorCode =
  | 'binary'
  | 'undecodable'
  | 'corrupt-archive'
  | 'archive-too-large'
  | 'archive-ratio'
  | 'not-a-workbook'
  | 'bad-csv';

/** Where in the input a problem was found: a byte offset, a line or an archive entry. */
export type OfficeInputLocation = {
  readonly file: string;
  readonly byte?: number;
  readonly line?: number;
  readonly entry?: string;
};

/**
 * Bytes from outside that cannot be read as what they claim to be. The message is one English
 * line for logs; callers map `code` to their own reason keys for people.
 */
export class OfficeInputError extends Error {
  override readonly name = 'OfficeInputError';

  constructor(
    readonly code: OfficeInputErrorCode,
    message: string,
    readonly location: OfficeInputLocation,
  ) {
    super(message);
  }
}
