import { escapeXml } from './xml-escape';

/** A solid background, ARGB (`FFDDE6F2`); the shape exceljs uses, so callers read the same. */
export type SolidFill = {
  readonly type: 'pattern';
  readonly pattern: 'solid';
  readonly fgColor: { readonly argb: string };
};

export type FontStyle = {
  readonly bold?: boolean;
  readonly size?: number;
  /** ARGB */
  readonly color?: string;
};

export type Alignment = {
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly vertical?: 'top' | 'center' | 'bottom';
  readonly wrapText?: boolean;
};

/** A thin line on all four sides, ARGB colour. */
export type ThinBorder = { readonly color: string };

/** What a cell looks like: everything optional, the default is the workbook's normal style. */
export type CellStyle = {
  readonly numFmt?: string;
  readonly font?: FontStyle;
  readonly fill?: SolidFill;
  readonly border?: ThinBorder;
  readonly alignment?: Alignment;
};

/** A differential format (conditional formatting); only a font colour is needed so far. */
export type DifferentialStyle = { readonly fontColor: string };

const DEFAULT_FONT_SIZE = 11;
const DEFAULT_FONT_NAME = 'Calibri';

/** Number formats every application knows by id (ECMA-376 §18.8.30); custom ones start at 164. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
};
const FIRST_CUSTOM_FORMAT = 164;

/** Hands out ids for distinct values, in first-seen order. */
class Table {
  private readonly ids = new Map<string, number>();
  readonly items: string[] = [];

  constructor(initial: readonly string[]) {
    for (const item of initial) this.id(item);
  }

  id(xml: string): number {
    let id = this.ids.get(xml);
    if (id === undefined) {
      id = this.items.length;
      this.ids.set(xml, id);
      this.items.push(xml);
    }
    return id;
  }
}

function fontXml(font: FontStyle | undefined): string {
  const bold = font?.bold ? '<b/>' : '';
  const color = font?.color ? `<color rgb="${escapeXml(font.color)}"/>` : '';
  const size = font?.size ?? DEFAULT_FONT_SIZE;
  return `<font>${bold}<sz val="${size}"/>${color}<name val="${DEFAULT_FONT_NAME}"/><family val="2"/></font>`;
}

function fillXml(fill: SolidFill): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="${escapeXml(fill.fgColor.argb)}"/><bgColor indexed="64"/></patternFill></fill>`;
}

function borderXml(border: ThinBorder): string {
  const side = (name: string): string =>
    `<${name} style="thin"><color rgb="${escapeXml(border.color)}"/></${name}>`;
  return `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
}

function alignmentXml(alignment: Alignment): string {
  const attributes = [
    alignment.horizontal ? ` horizontal="${alignment.horizontal}"` : '',
    alignment.vertical ? ` vertical="${alignment.vertical}"` : '',
    alignment.wrapText ? ' wrapText="1"' : '',
  ].join('');
  return `<alignment${attributes}/>`;
}

/**
 * The workbook's styles: each distinct cell style gets one id (`s` of a cell), however often it
 * is registered, so a sheet of a million cells refers to a handful of styles. Fonts, fills,
 * borders and number formats are shared between styles the same way. Register styles before
 * the rows (ids are plain numbers in the hot loop); `xml()` is the styles part, written last.
 */
export class StyleRegistry {
  private readonly fonts = new Table([fontXml(undefined)]);
  private readonly fills = new Table([
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ]);
  private readonly borders = new Table([
    '<border><left/><right/><top/><bottom/><diagonal/></border>',
  ]);
  private readonly customFormats = new Table([]);
  private readonly xfs = new Table([
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  ]);
  private readonly dxfs = new Table([]);

  /** The id of a cell style (0 is the default style). */
  cellStyle(style: CellStyle): number {
    const numFmtId = style.numFmt === undefined ? 0 : this.numberFormat(style.numFmt);
    const fontId = style.font ? this.fonts.id(fontXml(style.font)) : 0;
    const fillId = style.fill ? this.fills.id(fillXml(style.fill)) : 0;
    const borderId = style.border ? this.borders.id(borderXml(style.border)) : 0;
    const applies = [
      numFmtId !== 0 ? ' applyNumberFormat="1"' : '',
      fontId !== 0 ? ' applyFont="1"' : '',
      fillId !== 0 ? ' applyFill="1"' : '',
      borderId !== 0 ? ' applyBorder="1"' : '',
      style.alignment ? ' applyAlignment="1"' : '',
    ].join('');
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    return this.xfs.id(
      style.alignment ? `${open}>${alignmentXml(style.alignment)}</xf>` : `${open}/>`,
    );
  }

  /** The id of a differential format, for conditional formatting rules. */
  differentialStyle(style: DifferentialStyle): number {
    return this.dxfs.id(`<dxf><font><color rgb="${escapeXml(style.fontColor)}"/></font></dxf>`);
  }

  /** Number of distinct cell styles (including the default). */
  get size(): number {
    return this.xfs.items.length;
  }

  private numberFormat(code: string): number {
    return BUILT_IN_FORMATS[code] ?? FIRST_CUSTOM_FORMAT + this.customFormats.id(code);
  }

  /** `xl/styles.xml` */
  xml(): string {
    const list = (tag: string, items: readonly string[]): string =>
      `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
    const formats = this.customFormats.items.map(
      (code, i) =>
        `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT + i}" formatCode="${escapeXml(code)}"/>`,
    );
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats.length > 0 ? list('numFmts', formats) : '') +
      list('fonts', this.fonts.items) +
      list('fills', this.fills.items) +
      list('borders', this.borders.items) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs.items) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list('dxfs', this.dxfs.items) +
      '</styleSheet>'
    );
  }
}
