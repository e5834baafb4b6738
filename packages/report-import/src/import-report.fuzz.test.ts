import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { importReport } from './import-report';
import { ImportError } from './import-error';
import { renderReportHtml } from './render/report-html.renderer';
import { renderReportText } from './render/report-text.renderer';
import { buildTemplateWorkbook } from './xlsx/template-workbook.builder';

/**
 * Property: whatever bytes arrive, `importReport` returns a result or throws its documented
 * ImportError — never anything else — and does so in bounded time. Inputs start from real
 * reports (text, HTML, a .docx made of the text, the template workbook) and are damaged at
 * random: slices cut, text spliced in, digits changed, bytes flipped, archives truncated or
 * rebuilt with hostile parts. A fixed seed (FUZZ_SEED to change it) is printed on failure.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const CASE_MS = 3000;

const sut = importReport;

function outcome(bytes: Uint8Array, fileName: string): 'ok' | 'import-error' {
  const started = performance.now();
  let result: 'ok' | 'import-error' = 'ok';
  try {
    sut(bytes, fileName, { maxBytes: 4 * 1024 * 1024 });
  } catch (error) {
    if (!(error instanceof ImportError))
      throw new Error(
        `${fileName}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (seed ${SEED})`,
        { cause: error },
      );
    result = 'import-error';
  }
  const ms = performance.now() - started;
  if (ms > CASE_MS) throw new Error(`${fileName}: took ${Math.round(ms)} ms (seed ${SEED})`);
  return result;
}

const reports = [
  generateConsistentReport(7, '2021', 2023),
  generateConsistentReport(8, '2019', 2020),
  generateConsistentReport(9, 'legacy-2011', 2015),
];
const texts = reports.map((r) => renderReportText(r));
const htmls = reports.map((r) => renderReportHtml(r));

const noise = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    '\ufeff',
    '\ud800',
    '<',
    '<table><tr><td>',
    '</td></tr></table>',
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>',
    '|',
    '｜',
    '9'.repeat(400),
    '1.5e309',
    '-0',
    '一、',
    '（一）',
    '合计',
    '\r\n\r\n',
    '&#x0;',
    '&amp;',
    ']]>',
  ),
);

type Edit =
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'digit'; at: number; digit: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('cut' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: noise }),
  fc.record({
    kind: fc.constant('digit' as const),
    at: fc.nat(),
    digit: fc.constantFrom('0', '7', '99999999', '-1', '1.5', 'x', ''),
  }),
);

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.kind === 'cut') out = out.slice(0, at) + out.slice(at + e.length);
    else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else {
      const found = /\d+/.exec(out.slice(at));
      if (found) {
        const start = at + found.index;
        out = out.slice(0, start) + e.digit + out.slice(start + found[0].length);
      }
    }
  }
  return out;
}

const damagedText = (sources: readonly string[]) =>
  fc
    .tuple(fc.nat({ max: sources.length - 1 }), fc.array(edit, { maxLength: 6 }))
    .map(([i, edits]) => applyEdits(sources[i]!, edits));

const encode = (text: string, encoding: 'utf8' | 'utf16' | 'latin1'): Uint8Array =>
  encoding === 'utf8'
    ? strToU8(text)
    : encoding === 'utf16'
      ? new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'))
      : new Uint8Array(Buffer.from(text, 'latin1'));

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A .docx whose paragraphs are the text's lines, and whose table rows are its pipe rows. */
function docxOf(text: string, rawXml = ''): Uint8Array {
  const body = text
    .split('\n')
    .map((line) =>
      line.includes('|')
        ? `<w:tbl><w:tr>${line
            .split('|')
            .map((c) => `<w:tc><w:p><w:r><w:t>${xmlEscape(c)}</w:t></w:r></w:p></w:tc>`)
            .join('')}</w:tr></w:tbl>`
        : `<w:p><w:r><w:t>${xmlEscape(line)}</w:t></w:r></w:p>`,
    )
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w"><w:body>${body}${rawXml}</w:body></w:document>`,
    ),
  });
}

const byteDamage = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  ),
  { minLength: 1, maxLength: 4 },
);

function damageBytes(
  bytes: Uint8Array,
  damage: readonly { kind: 'flip' | 'truncate'; at: number; value?: number }[],
): Uint8Array {
  let out = new Uint8Array(bytes);
  for (const d of damage) {
    if (out.length === 0) break;
    const at = d.at % out.length;
    if (d.kind === 'flip') out[at] = d.value ?? 0;
    else out = out.slice(0, at);
  }
  return out;
}

describe(`${importReport.name} under fuzzing`, () => {
  let workbook: Uint8Array = new Uint8Array(0);
  let workbookParts: Record<string, Uint8Array> = {};
  beforeAll(async () => {
    workbook = new Uint8Array(await buildTemplateWorkbook('2021', reports[0]));
    workbookParts = unzipSync(workbook);
  });

  it('reads damaged text in any encoding, or refuses it with an ImportError', () => {
    fc.assert(
      fc.property(
        damagedText(texts),
        fc.constantFrom('utf8' as const, 'utf16' as const, 'latin1' as const),
        fc.constantFrom('r.txt', 'r', 'r.md'),
        (text, encoding, name) => {
          outcome(encode(text, encoding), name);
        },
      ),
      { seed: SEED, numRuns: 700 * RUNS },
    );
  });

  it('reads arbitrary short text and bytes, or refuses them with an ImportError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => strToU8(s)),
          fc.uint8Array({ maxLength: 600 }),
        ),
        fc.constantFrom('r.txt', 'r.html', 'r.docx', 'r.xlsx', 'r.doc', 'r'),
        (bytes, name) => {
          outcome(bytes, name);
        },
      ),
      { seed: SEED, numRuns: 1000 * RUNS },
    );
  });

  it('reads damaged HTML, or refuses it with an ImportError', () => {
    fc.assert(
      fc.property(damagedText(htmls), fc.constantFrom('r.html', 'r.htm', 'r'), (html, name) => {
        outcome(strToU8(html), name);
      }),
      { seed: SEED, numRuns: 400 * RUNS },
    );
  });

  it('reads .docx archives with damaged text, hostile XML or damaged bytes, or refuses them with an ImportError', () => {
    fc.assert(
      fc.property(
        damagedText(texts),
        fc.oneof(fc.constant(''), noise, fc.constant('<w:t>'.repeat(50))),
        fc.option(byteDamage, { nil: null }),
        (text, rawXml, damage) => {
          const docx = docxOf(text, rawXml);
          outcome(damage ? damageBytes(docx, damage) : docx, 'r.docx');
        },
      ),
      { seed: SEED, numRuns: 300 * RUNS },
    );
  });

  it('reads the template workbook with damaged cells, parts or bytes, or refuses it with an ImportError', () => {
    const sheets = Object.keys(workbookParts).filter((n) => n.startsWith('xl/worksheets/'));
    const shared = 'xl/sharedStrings.xml';
    expect(sheets.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.oneof(
          // a sheet or the shared strings edited as text
          fc
            .tuple(
              fc.constantFrom(...sheets, shared),
              fc.array(edit, { minLength: 1, maxLength: 4 }),
            )
            .map(([part, edits]) => {
              const parts = { ...workbookParts };
              const before = parts[part];
              if (before) parts[part] = strToU8(applyEdits(strFromU8(before), edits));
              return zipSync(parts);
            }),
          // a part left out
          fc.constantFrom(...Object.keys(workbookParts)).map((left) => {
            const parts = { ...workbookParts };
            delete parts[left];
            return zipSync(parts);
          }),
          // bytes flipped or cut
          byteDamage.map((damage) => damageBytes(workbook, damage)),
        ),
        (bytes) => {
          outcome(bytes, 'r.xlsx');
        },
      ),
      { seed: SEED, numRuns: 200 * RUNS },
    );
  });
});
