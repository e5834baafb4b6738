import { OfficeInputError } from '@gongkai/office';
import { ImportError } from '../import-error';

/**
 * Runs a reader of `@gongkai/office` and reports its failure as the importer's `ImportError` (the
 * codes `binary`, `undecodable`, `corrupt-archive` and `archive-too-large` are the same).
 */
export function asImportError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof OfficeInputError)) throw error;
    const code =
      error.code === 'archive-ratio'
        ? 'archive-too-large'
        : error.code === 'binary' ||
            error.code === 'undecodable' ||
            error.code === 'corrupt-archive' ||
            error.code === 'archive-too-large'
          ? error.code
          : 'unsupported-format';
    throw new ImportError(code, error.message, error.location);
  }
}
