/**
 * Characters XML 1.0 does not allow (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF;
 * surrogates that are not part of a pair). They are dropped: no escape can carry them.
 */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What needs escaping: markup characters, CR (which an XML parser would fold into LF), the
 * invalid characters above, and `_xHHHH_`, which spreadsheet applications read as an escaped
 * character (ST_Xstring), so its underscore is escaped itself.
 */
const NEEDS_WORK =
  // eslint-disable-next-line no-control-regex -- as above
  /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const SPECIAL = /[&<>"'\r]|_(?=x[0-9A-Fa-f]{4}_)/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  _: '_x005F_',
};

/**
 * Text as XML character data or attribute value: safe in either. Most text needs nothing, so
 * one test decides and the common case returns the string itself.
 */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(INVALID_XML, '').replace(SPECIAL, (c) => ENTITIES[c] as string);
}
