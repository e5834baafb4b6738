/** The cells of a workbook's sheets, read from its XML parts (behind the zip-bomb limits). */
import { Parser } from 'htmlparser2';
import { ImportError } from '../import-error';
import { safeUnzip, type UnzipLimits } from '../input/safe-unzip';

export type RawValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean };
export type Sheet = {
  readonly name: string;
  readonly cells: ReadonlyMap<string, RawValue>;
  /** Cells holding a formula but no cached result (written by a program that never calculated). */
  readonly uncalculated: ReadonlyMap<string, string>;
};

function parseXml(
  xml: string,
  handlers: {
    open?: (name: string, attribs: Record<string, string>) => void;
    text?: (text: string) => void;
    close?: (name: string) => void;
  },
): void {
  const parser = new Parser(
    {
      onopentag: (name, attribs) => handlers.open?.(name, attribs),
      ontext: (text) => handlers.text?.(text),
      onclosetag: (name) => handlers.close?.(name),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}

function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function sharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (!xml) return out;
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  parseXml(xml, {
    open: (name) => {
      const n = local(name);
      if (n === 'si') current = [];
      else if (n === 'rPh') inPhonetic = true;
      else if (n === 't') inText = true;
    },
    text: (text) => {
      if (inText && !inPhonetic) current?.push(text);
    },
    close: (name) => {
      const n = local(name);
      if (n === 't') inText = false;
      else if (n === 'rPh') inPhonetic = false;
      else if (n === 'si') {
        out.push((current ?? []).join(''));
        current = null;
      }
    },
  });
  return out;
}

function sheetCells(
  xml: string,
  strings: readonly string[],
): { cells: Map<string, RawValue>; uncalculated: Map<string, string> } {
  const cells = new Map<string, RawValue>();
  const uncalculated = new Map<string, string>();
  let ref: string | null = null;
  let formula: string[] | null = null;
  let formulaText: string | null = null;
  let type = 'n';
  let buffer: string[] | null = null;
  let value: string | null = null;
  let inline: string[] | null = null;
  parseXml(xml, {
    open: (name, attribs) => {
      const n = local(name);
      if (n === 'c') {
        ref = attribs.r ?? null;
        type = attribs.t ?? 'n';
        value = null;
        inline = null;
        formulaText = null;
      } else if (n === 'f') formula = [];
      else if (n === 'v') buffer = [];
      else if (n === 'is') inline = [];
      else if (n === 't' && inline) buffer = [];
    },
    text: (text) => {
      buffer?.push(text);
      formula?.push(text);
    },
    close: (name) => {
      const n = local(name);
      if (n === 'f') {
        formulaText = (formula ?? []).join('');
        formula = null;
      } else if (n === 'v') {
        value = (buffer ?? []).join('');
        buffer = null;
      } else if (n === 't' && inline && buffer) {
        inline.push(buffer.join(''));
        buffer = null;
      } else if (n === 'c' && ref) {
        let cell: RawValue | null = null;
        if (type === 'inlineStr' && inline) cell = { kind: 'string', value: inline.join('') };
        else if (value !== null) {
          if (type === 's') cell = { kind: 'string', value: strings[Number(value)] ?? '' };
          else if (type === 'str' || type === 'e') cell = { kind: 'string', value };
          else if (type === 'b') cell = { kind: 'boolean', value: value === '1' };
          else if (value.trim() !== '') cell = { kind: 'number', value: Number(value) };
        }
        if (cell) cells.set(ref, cell);
        else if (formulaText !== null && (value === null || value.trim() === ''))
          uncalculated.set(ref, formulaText);
        ref = null;
      }
    },
  });
  return { cells, uncalculated };
}

export function readSheets(bytes: Uint8Array, file: string, limits?: UnzipLimits): Sheet[] {
  const parts = safeUnzip(
    bytes,
    (name) =>
      name === 'xl/workbook.xml' ||
      name === 'xl/_rels/workbook.xml.rels' ||
      name === 'xl/sharedStrings.xml' ||
      /^xl\/worksheets\/[^/]+\.xml$/.test(name),
    file,
    limits,
  );
  const decoder = new TextDecoder('utf-8');
  const text = (name: string): string | undefined => {
    const part = parts.get(name);
    return part ? decoder.decode(part) : undefined;
  };
  const workbookXml = text('xl/workbook.xml');
  if (!workbookXml) {
    throw new ImportError('missing-part', 'not an Excel workbook: xl/workbook.xml is missing', {
      file,
      entry: 'xl/workbook.xml',
    });
  }
  const targets = new Map<string, string>();
  parseXml(text('xl/_rels/workbook.xml.rels') ?? '', {
    open: (name, attribs) => {
      if (local(name) === 'Relationship' && attribs.Id && attribs.Target) {
        const target = attribs.Target.replace(/^\/?xl\//, '').replace(/^\//, '');
        targets.set(attribs.Id, `xl/${target}`);
      }
    },
  });
  const sheets: { name: string; path: string }[] = [];
  parseXml(workbookXml, {
    open: (name, attribs) => {
      if (local(name) !== 'sheet') return;
      const id = attribs['r:id'] ?? '';
      const path = targets.get(id);
      if (path) sheets.push({ name: attribs.name ?? path, path });
    },
  });
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  return sheets.map(({ name, path }) => ({ name, ...sheetCells(text(path) ?? '', strings) }));
}

export function asText(value: RawValue | undefined): string | null {
  if (!value) return null;
  return String(value.value);
}
