import { decodeText as decode, type DecodedText } from '@gongkai/office';
import { asImportError } from './office-input';

export { firstInvalidUtf8 } from '@gongkai/office';
export type { DecodedText, TextEncodingName } from '@gongkai/office';

/**
 * Decodes report text (`@gongkai/office`'s `decodeText`: a BOM wins, then UTF-8, then
 * GB18030); binary or undecodable bytes are an ImportError naming the offset.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  return asImportError(() => decode(bytes, file));
}
