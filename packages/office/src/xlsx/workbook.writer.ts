import type { Writable } from 'node:stream';
import { StyleRegistry } from './style.registry';
import { type SheetOptions, WorksheetWriter } from './worksheet.writer';
import { escapeXml } from './xml-escape';
import { ZipWriter } from './zip.writer';

export type WorkbookOptions = {
  /** Sheet names in order; known up front, so the package parts can go out first. */
  readonly sheets: readonly string[];
  readonly creator: string;
  readonly created: Date;
  /** Deflate level (0–9). */
  readonly level?: number;
  /** Rows printed again at the top of every page, per sheet name (1-based, inclusive). */
  readonly printTitles?: Readonly<
    Record<string, { readonly firstRow: number; readonly lastRow: number }>
  >;
};

/** A sheet name as a formula reference: quoted, inner quotes doubled. */
function sheetReference(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Deflate level. Measured with fflate on the 120,000 + 120,000-row ranking export (145 MB of XML,
 * test/bench/ranking-workbook.bench.mjs): level 1 gives 19.1 MB, 3 gives 17.2 MB for about 8 %
 * more CPU time (packages/office/README.md has the figures).
 */
export const DEFAULT_LEVEL = 3;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const INVALID_SHEET_NAME = /[[\]:*?/\\]/;

function w3cdtf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * A streaming .xlsx (Office Open XML) writer: the package parts first, then each sheet in the
 * declared order, row by row, then the styles (registered along the way) and the zip's
 * directory. Strings are written inline, so memory does not grow with the sheet.
 */
export class XlsxWorkbookWriter {
  readonly styles = new StyleRegistry();
  private readonly zip: ZipWriter;
  private next = 0;
  private started = false;

  constructor(
    out: Writable,
    private readonly options: WorkbookOptions,
  ) {
    const names = new Set<string>();
    for (const name of options.sheets) {
      if (name.length === 0 || name.length > 31 || INVALID_SHEET_NAME.test(name)) {
        throw new Error(`xlsx: invalid sheet name "${name}"`);
      }
      if (names.has(name.toLowerCase())) throw new Error(`xlsx: duplicate sheet name "${name}"`);
      names.add(name.toLowerCase());
    }
    this.zip = new ZipWriter(out, {
      level: options.level ?? DEFAULT_LEVEL,
      date: options.created,
    });
  }

  /** Starts the next sheet; it must be the next name of `sheets` and the previous one ended. */
  async addSheet(name: string, options: SheetOptions): Promise<WorksheetWriter> {
    if (this.options.sheets[this.next] !== name) {
      throw new Error(`xlsx: sheet "${name}" is not the next one declared`);
    }
    await this.start();
    this.next += 1;
    return WorksheetWriter.open(this.zip.open(`xl/worksheets/sheet${this.next}.xml`), options);
  }

  /** Writes the styles and the zip directory, and ends the output. */
  async finish(): Promise<void> {
    if (this.next !== this.options.sheets.length) {
      throw new Error('xlsx: not every declared sheet was written');
    }
    await this.start();
    await this.zip.add('xl/styles.xml', this.styles.xml());
    await this.zip.finish();
  }

  /** Gives up after a failure (of the rows' source, say): frees what an open sheet holds. */
  abort(error?: Error): void {
    this.zip.abort(error);
  }

  /** Print titles as the workbook's `_xlnm.Print_Titles` names, one per sheet that has them. */
  private definedNames(): string {
    const { sheets, printTitles = {} } = this.options;
    const names = sheets.flatMap((name, i) => {
      const rows = Object.prototype.hasOwnProperty.call(printTitles, name)
        ? printTitles[name]
        : undefined;
      if (!rows) return [];
      if (!(rows.firstRow >= 1 && rows.lastRow >= rows.firstRow))
        throw new Error(`xlsx: print titles of "${name}" are not a row range`);
      return [
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">` +
          `${escapeXml(sheetReference(name))}!$${rows.firstRow}:$${rows.lastRow}</definedName>`,
      ];
    });
    return names.length > 0 ? `<definedNames>${names.join('')}</definedNames>` : '';
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { sheets, creator, created } = this.options;
    const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
    await this.zip.add(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheetType}"/>`,
          )
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    );
    await this.zip.add(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${RELATIONSHIPS}">` +
        `<Relationship Id="rId1" Type="${OFFICE_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${OFFICE_RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    );
    await this.zip.add(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${escapeXml(creator)}</dc:creator>` +
        `<cp:lastModifiedBy>${escapeXml(creator)}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(created)}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(created)}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    await this.zip.add(
      'docProps/app.xml',
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
        `<Application>${escapeXml(creator)}</Application>` +
        `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">` +
        sheets.map((name) => `<vt:lpstr>${escapeXml(name)}</vt:lpstr>`).join('') +
        '</vt:vector></TitlesOfParts></Properties>',
    );
    await this.zip.add(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELATIONSHIPS}">` +
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
        sheets
          .map(
            (name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets>' +
        this.definedNames() +
        '</workbook>',
    );
    await this.zip.add(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${RELATIONSHIPS}">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${OFFICE_RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${OFFICE_RELATIONSHIPS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    );
  }
}
