import { CsvError, parse } from 'csv-parse/sync';
import { decodeText, type TextEncodingName } from '../input/decode-text';
import { OfficeInputError } from '../input/office-input.error';

export type CsvTable = {
  /** Every record, blank lines included (as one empty field), so `rows[i]` is line `i + 1`. */
  readonly rows: string[][];
  readonly encoding: TextEncodingName;
  readonly warnings: readonly string[];
};

/**
 * Reads an uploaded CSV: decodes it with {@link decodeText} (a BOM wins, then UTF-8, then
 * GB18030/GBK as Chinese Windows saves it) and parses it with csv-parse (RFC 4180: quoted
 * fields, doubled quotes, lines ending in CRLF, LF or CR; rows may differ in length; a stray quote inside an
 * unquoted field is kept as text). Binary or undecodable bytes and an unterminated quoted
 * field are an {@link OfficeInputError} (`binary`, `undecodable`, `bad-csv`) naming the place.
 */
export function readCsv(bytes: Uint8Array, file: string): CsvTable {
  const decoded = decodeText(bytes, file);
  let rows: string[][];
  try {
    rows = parse(decoded.text, {
      bom: true,
      // lines may end in CRLF, LF or CR, mixed in one file (hand-edited files are)
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error['lines'] === 'number' ? error['lines'] : undefined;
    throw new OfficeInputError(
      'bad-csv',
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unterminated quoted field in the CSV'
        : `the CSV cannot be read (${error.message})`,
      line === undefined ? { file } : { file, line },
    );
  }
  return { rows, encoding: decoded.encoding, warnings: decoded.warnings };
}
