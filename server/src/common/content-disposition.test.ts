import { attachmentDisposition } from './content-disposition';

describe(attachmentDisposition.name, () => {
  it('returns the UTF-8 name percent-encoded and an ASCII stand-in without quotes', () => {
    expect(attachmentDisposition('2025年度"排名"表.xlsx')).toBe(
      `attachment; filename="2025_______.xlsx"; filename*=UTF-8''2025%E5%B9%B4%E5%BA%A6%22%E6%8E%92%E5%90%8D%22%E8%A1%A8.xlsx`,
    );
  });
});
