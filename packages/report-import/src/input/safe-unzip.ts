import { safeUnzip as unzip, type UnzipLimits } from '@gongkai/office';
import { asImportError } from './office-input';

export { DEFAULT_UNZIP_LIMITS, isZip } from '@gongkai/office';
export type { UnzipLimits } from '@gongkai/office';

/**
 * Extracts the named entries of a zip archive within `limits` (`@gongkai/office`'s `safeUnzip`);
 * a damaged archive or a zip bomb is an ImportError.
 */
export function safeUnzip(
  zip: Uint8Array,
  wanted: (name: string) => boolean,
  file: string,
  limits?: UnzipLimits,
): Map<string, Uint8Array> {
  return asImportError(() => unzip(zip, wanted, file, limits));
}
