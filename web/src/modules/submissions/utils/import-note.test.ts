import { describe, expect, it } from 'vitest';
import { noteIn } from './import-note';

describe('noteIn', () => {
  const note =
    '上传的是2022年度的报告，本表是2023年度：已填入上年结转 — this is the 2022 report and the form is for 2023';
  it('shows the Chinese half on Chinese pages and the English half on English ones', () => {
    expect(noteIn(note, 'zh-CN')).toBe('上传的是2022年度的报告，本表是2023年度：已填入上年结转');
    expect(noteIn(note, 'en')).toBe('This is the 2022 report and the form is for 2023');
  });
  it('keeps a note in one language as it is', () => {
    expect(noteIn('第3行：数字串有多种拆分', 'en')).toBe('第3行：数字串有多种拆分');
  });
});
