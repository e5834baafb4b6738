import { cellAddress, columnLetter } from './cell-address';
import { escapeXml } from './xml-escape';
import type { ZipEntryWriter } from './zip.writer';

/** What a cell can hold. `null`, `undefined` and '' leave it empty. */
export type CellValue = string | number | boolean | Date | null | undefined;

export type ColumnSpec = {
  /** In characters of the default font, as spreadsheet applications measure it. */
  readonly width: number;
  /** Style id (StyleRegistry) of the column's cells unless a row or cell says otherwise. */
  readonly style?: number;
};

export type SheetOptions = {
  readonly columns: readonly ColumnSpec[];
  /** Frozen panes: columns on the left and rows on top that stay in view. */
  readonly frozen?: { readonly columns?: number; readonly rows?: number };
  readonly pageSetup?: {
    readonly orientation: 'portrait' | 'landscape';
    /** Paper size code of SpreadsheetML: 9 is A4 (the default of the file is the reader's, often Letter). */
    readonly paperSize?: number;
    /** Pages across / down to fit the sheet on (0 = as many as needed). */
    readonly fitToWidth?: number;
    readonly fitToHeight?: number;
  };
  /**
   * Printed page header and footer, in the codes of SpreadsheetML (`&L` `&C` `&R` sections,
   * `&P` page, `&N` pages); literal text goes through `headerFooterText`.
   */
  readonly headerFooter?: { readonly header?: string; readonly footer?: string };
};

/** Literal text for a page header or footer: `&` is the codes' escape, doubled to print one. */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}

export type RowOptions = {
  /** Height in points. */
  readonly height?: number;
  /** Style id of the whole row: its empty cells and every cell without its own style. */
  readonly style?: number;
};

export type ConditionalRule = {
  readonly type: 'cellIs';
  readonly operator: 'greaterThan' | 'lessThan' | 'equal' | 'notEqual';
  readonly formula: string;
  /** Differential style id (StyleRegistry.differentialStyle). */
  readonly dxfId: number;
  readonly priority: number;
};

/** What a sheet says after its rows (row counts are known by then). */
export type SheetTail = {
  readonly autoFilter?: string;
  readonly merges?: readonly string[];
  readonly conditionalFormatting?: readonly {
    readonly ref: string;
    readonly rules: readonly ConditionalRule[];
  }[];
};

const MS_PER_DAY = 86_400_000;
/** Days from the spreadsheet epoch (1899-12-30, as Excel counts) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

/** A date as a spreadsheet serial number; its UTC fields are what the cell shows. */
export function dateSerial(date: Date): number {
  return UNIX_EPOCH_SERIAL + date.getTime() / MS_PER_DAY;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * One worksheet, written row after row into its zip entry: the XML of a row is built as a
 * string and nothing of it is kept. Elements that need the whole sheet (autofilter, merged
 * cells, conditional formatting) follow the rows, where the schema wants them anyway.
 */
export class WorksheetWriter {
  /** `<c r="B` for column B: a cell's opening up to its row number. */
  private readonly cellOpen: string[];
  private readonly columnStyles: number[];
  /** `" s="5"` for style 5 (`"` for 0): the rest of a cell's attributes but its type. */
  private readonly styleAttributes: string[] = [];
  private rowNumber = 0;

  private constructor(
    private readonly entry: ZipEntryWriter,
    private readonly options: SheetOptions,
  ) {
    this.cellOpen = options.columns.map((_, j) => `<c r="${columnLetter(j + 1)}`);
    this.columnStyles = options.columns.map((column) => column.style ?? 0);
  }

  /** Starts a sheet in an open zip entry: writes everything up to the first row. */
  static async open(entry: ZipEntryWriter, options: SheetOptions): Promise<WorksheetWriter> {
    const sheet = new WorksheetWriter(entry, options);
    await entry.write(sheet.head());
    return sheet;
  }

  /** Number of the last row written (1-based; 0 before the first). */
  get lastRow(): number {
    return this.rowNumber;
  }

  /**
   * Writes the next row. `styles[j]` is the style of cell j (else the row's, else the
   * column's). A row with neither values nor style is left out; the next row still moves on.
   * Returns a promise when the caller should wait (backpressure) before the next row.
   */
  addRow(
    values: readonly CellValue[],
    styles?: readonly number[],
    options: RowOptions = {},
  ): Promise<void> | undefined {
    this.rowNumber += 1;
    const r = String(this.rowNumber);
    let cells = '';
    const count = Math.max(values.length, styles?.length ?? 0);
    for (let j = 0; j < count; j += 1) {
      const fallback = options.style ?? this.columnStyles[j] ?? 0;
      const style = styles?.[j] ?? fallback;
      const xml = this.cell(values[j], style, style !== fallback);
      if (xml !== '') {
        cells += (this.cellOpen[j] ?? `<c r="${columnLetter(j + 1)}`) + r + xml;
      }
    }
    if (cells === '' && options.height === undefined && options.style === undefined) {
      return undefined;
    }
    let open = `<row r="${r}"`;
    if (options.height !== undefined) open += ` ht="${options.height}" customHeight="1"`;
    if (options.style !== undefined) open += ` s="${options.style}" customFormat="1"`;
    return this.entry.write(`${open}>${cells}</row>`);
  }

  /** Closes the rows, writes what follows them, and closes the sheet's entry. */
  async end(tail: SheetTail = {}): Promise<void> {
    let xml = '</sheetData>';
    if (tail.autoFilter) xml += `<autoFilter ref="${tail.autoFilter}"/>`;
    if (tail.merges && tail.merges.length > 0) {
      xml += `<mergeCells count="${tail.merges.length}">`;
      for (const ref of tail.merges) xml += `<mergeCell ref="${ref}"/>`;
      xml += '</mergeCells>';
    }
    for (const format of tail.conditionalFormatting ?? []) {
      xml += `<conditionalFormatting sqref="${format.ref}">`;
      for (const rule of format.rules) {
        xml +=
          `<cfRule type="${rule.type}" dxfId="${rule.dxfId}" priority="${rule.priority}" operator="${rule.operator}">` +
          `<formula>${escapeXml(rule.formula)}</formula></cfRule>`;
      }
      xml += '</conditionalFormatting>';
    }
    xml +=
      '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    const page = this.options.pageSetup;
    if (page) {
      xml += '<pageSetup';
      if (page.paperSize !== undefined) xml += ` paperSize="${page.paperSize}"`;
      xml += ` orientation="${page.orientation}"`;
      if (page.fitToWidth !== undefined) xml += ` fitToWidth="${page.fitToWidth}"`;
      if (page.fitToHeight !== undefined) xml += ` fitToHeight="${page.fitToHeight}"`;
      xml += '/>';
    }
    const { header, footer } = this.options.headerFooter ?? {};
    if (header !== undefined || footer !== undefined) {
      xml += '<headerFooter>';
      if (header !== undefined) xml += `<oddHeader>${escapeXml(header)}</oddHeader>`;
      if (footer !== undefined) xml += `<oddFooter>${escapeXml(footer)}</oddFooter>`;
      xml += '</headerFooter>';
    }
    xml += '</worksheet>';
    await this.entry.write(xml);
    await this.entry.close();
  }

  /** A cell after its reference (`" s="2"><v>1</v></c>`), or '' when it need not be written. */
  private cell(value: CellValue, style: number, keepEmpty: boolean): string {
    const s = this.styleAttributes[style] ?? this.styleAttribute(style);
    switch (typeof value) {
      case 'string': {
        if (value === '') break;
        const open =
          isBlank(value.charCodeAt(0)) || isBlank(value.charCodeAt(value.length - 1))
            ? ' t="inlineStr"><is><t xml:space="preserve">'
            : ' t="inlineStr"><is><t>';
        return s + open + escapeXml(value) + '</t></is></c>';
      }
      case 'number':
        if (!Number.isFinite(value)) break;
        return s + '><v>' + value + '</v></c>';
      case 'boolean':
        return s + (value ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
      case 'object':
        if (value instanceof Date && !Number.isNaN(value.getTime())) {
          return s + '><v>' + dateSerial(value) + '</v></c>';
        }
        break;
      default:
        break;
    }
    // An empty cell is written only to give it a style its row or column would not.
    return keepEmpty ? s + '/>' : '';
  }

  private styleAttribute(style: number): string {
    const attribute = style === 0 ? '"' : `" s="${style}"`;
    this.styleAttributes[style] = attribute;
    return attribute;
  }

  private head(): string {
    const { columns, frozen, pageSetup } = this.options;
    let xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
      ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
    if (pageSetup?.fitToWidth !== undefined || pageSetup?.fitToHeight !== undefined) {
      xml += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
    }
    xml += '<sheetViews><sheetView workbookViewId="0">';
    const x = frozen?.columns ?? 0;
    const y = frozen?.rows ?? 0;
    if (x > 0 || y > 0) {
      const pane = x > 0 && y > 0 ? 'bottomRight' : y > 0 ? 'bottomLeft' : 'topRight';
      xml +=
        `<pane${x > 0 ? ` xSplit="${x}"` : ''}${y > 0 ? ` ySplit="${y}"` : ''}` +
        ` topLeftCell="${cellAddress(y + 1, x + 1)}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}"/>`;
    }
    xml += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
    if (columns.length > 0) {
      xml += '<cols>';
      columns.forEach((column, j) => {
        const style = column.style ? ` style="${column.style}"` : '';
        xml += `<col min="${j + 1}" max="${j + 1}" width="${column.width}"${style} customWidth="1"/>`;
      });
      xml += '</cols>';
    }
    return `${xml}<sheetData>`;
  }
}
