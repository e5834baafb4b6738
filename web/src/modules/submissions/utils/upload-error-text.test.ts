import { describe, expect, it } from 'vitest';
import { errorText, RestError } from '../../../app/error-text';
import type { MessageKey } from '../../../app/i18n';
import { en } from '../../../app/messages.en';
import { zhCN } from '../../../app/messages.zh-CN';

/** The reasons the upload endpoint sends (`import.<ImportError code in camelCase>`). */
const IMPORT_REASONS = [
  'empty',
  'tooLarge',
  'binary',
  'undecodable',
  'unsupportedFormat',
  'corruptArchive',
  'archiveTooLarge',
  'missingPart',
  'notATemplateWorkbook',
  'notAReport',
  'encryptedPdf',
  'corruptPdf',
  'pdfNoText',
  'pdfTooManyPages',
  'pdfTimeout',
  'pdfTooComplex',
  'converterMissing',
  'conversionFailed',
  'conversionTimeout',
];

function translate(catalogue: Record<string, string>) {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) =>
      String(params?.[name] ?? `{${name}}`),
    );
  const has = (key: string): key is MessageKey => Object.hasOwn(catalogue, key);
  return { t, has };
}

async function uploadError(body: Record<string, unknown>): Promise<RestError> {
  return RestError.from(new Response(JSON.stringify(body), { status: 400 }));
}

describe('upload errors', () => {
  it.each(IMPORT_REASONS)('has a Chinese and an English sentence for import.%s', (reason) => {
    const key = `error.import.${reason}`;
    expect(Object.hasOwn(zhCN, key)).toBe(true);
    expect(Object.hasOwn(en, key)).toBe(true);
    // No English on zh pages: only placeholders, file extensions and product names.
    const latin = zhCN[key as MessageKey]
      .replace(/\{\w+\}/g, '')
      .replace(/\.[a-z]+/g, '')
      .replace(/LibreOffice|PDF|Word|Excel|UTF-8|MB/g, '');
    expect(latin).not.toMatch(/[A-Za-z]/);
  });

  it('names the file and the numbers of a refused PDF in Chinese, without the server’s English', async () => {
    const error = await uploadError({
      code: 'BAD_USER_INPUT',
      message: 'long.pdf: the PDF has 1000 pages, more than the 300-page limit',
      reason: 'import.pdfTooManyPages',
      params: { file: '甲县2023年报.pdf', pages: 1000, limit: 300 },
    });
    const { t, has } = translate(zhCN);
    const text = errorText(error, t, has);
    expect(text).toBe('甲县2023年报.pdf 共 1000 页，超过了 300 页的上限');
    expect(text).not.toContain('limit');
  });

  it('tells what to do when LibreOffice is missing, in both languages', async () => {
    const error = await uploadError({
      code: 'BAD_USER_INPUT',
      message: 'a.wps: .wps files are read by converting them with LibreOffice',
      reason: 'import.converterMissing',
      params: { file: 'a.wps', format: '.wps' },
    });
    const zh = translate(zhCN);
    expect(errorText(error, zh.t, zh.has)).toContain('无法读取 .wps 文件');
    const english = translate(en);
    expect(errorText(error, english.t, english.has)).toContain('.wps files cannot be read');
  });
});
