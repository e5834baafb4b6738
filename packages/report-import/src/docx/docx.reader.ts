import { Parser } from 'htmlparser2';
import { ImportError } from '../import-error';
import { safeUnzip, type UnzipLimits } from '../input/safe-unzip';
import type { SourceCell, SourceDocument, SourceLine } from '../source-document.types';
import { normalizeText } from '../text/normalize-text';

type Cell = { text: string[]; merged: boolean };
type Table = { rows: Cell[][]; index: number };

/**
 * Reads `word/document.xml` of a .docx into lines and table rows. Paragraphs are lines (a `w:br`
 * starts a new one); a table row's cells are its `w:tc`, without the continuation cells of a
 * vertical merge (as in HTML, a merged cell appears once). Line numbers count paragraphs.
 */
export function readDocx(bytes: Uint8Array, file: string, limits?: UnzipLimits): SourceDocument {
  const parts = safeUnzip(bytes, (name) => name === 'word/document.xml', file, limits);
  const xml = parts.get('word/document.xml');
  if (!xml) {
    throw new ImportError('missing-part', 'not a Word document: word/document.xml is missing', {
      file,
      entry: 'word/document.xml',
    });
  }
  return readDocumentXml(new TextDecoder('utf-8').decode(xml));
}

export function readDocumentXml(xml: string): SourceDocument {
  const lines: SourceLine[] = [];
  const tables: Table[] = [];
  let tableCount = 0;
  let paragraph: string[] | null = null;
  let paragraphNo = 0;
  let inText = false;
  let cell: Cell | null = null;
  let row: Cell[] | null = null;

  const pushProse = (text: string): void => {
    const raw = text.replace(/[ \u00a0]+/g, ' ').trim();
    if (raw !== '')
      lines.push({
        raw,
        text: normalizeText(raw).trim(),
        cells: null,
        location: { line: paragraphNo },
      });
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const table = tables[tables.length - 1];
        switch (name) {
          case 'w:tbl':
            tables.push({ rows: [], index: tableCount });
            tableCount += 1;
            break;
          case 'w:tr':
            row = [];
            break;
          case 'w:tc':
            if (tables.length === 1) cell = { text: [], merged: false };
            break;
          case 'w:vmerge':
            if (cell && attribs['w:val'] !== 'restart') cell.merged = true;
            break;
          case 'w:p':
            paragraphNo += 1;
            paragraph = [];
            break;
          case 'w:t':
            inText = true;
            break;
          case 'w:tab':
            paragraph?.push('\t');
            break;
          case 'w:br':
          case 'w:cr':
            if (table) paragraph?.push(' ');
            else if (paragraph) {
              pushProse(paragraph.join(''));
              paragraph = [];
            }
            break;
          default:
            break;
        }
      },
      ontext(text) {
        if (inText) paragraph?.push(text);
      },
      onclosetag(name) {
        switch (name) {
          case 'w:t':
            inText = false;
            break;
          case 'w:p':
            if (paragraph) {
              if (cell) cell.text.push(paragraph.join(''));
              else if (tables.length === 0) pushProse(paragraph.join(''));
            }
            paragraph = null;
            break;
          case 'w:tc':
            if (tables.length === 1 && cell && row) {
              row.push(cell);
              cell = null;
            }
            break;
          case 'w:tr':
            if (tables.length === 1 && row) tables[0]?.rows.push(row);
            row = null;
            break;
          case 'w:tbl': {
            const table = tables.pop();
            if (table && tables.length === 0) {
              table.rows.forEach((cells, r) => {
                const kept: SourceCell[] = [];
                cells.forEach((c, k) => {
                  if (c.merged) return;
                  const raw = c.text.join(' ').replace(/\s+/g, ' ').trim();
                  kept.push({
                    text: normalizeText(raw).trim(),
                    location: { cell: `T${table.index + 1}R${r + 1}C${k + 1}` },
                  });
                });
                const raw = kept.map((c) => c.text).join(' | ');
                lines.push({
                  raw,
                  text: raw,
                  cells: kept,
                  location: { line: paragraphNo, cell: `T${table.index + 1}R${r + 1}` },
                  table: table.index,
                });
              });
            }
            break;
          }
          default:
            break;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(xml);
  parser.end();
  return { lines, format: 'docx', warnings: [] };
}
