import type { SectionKey } from '@gongkai/report-model';

const TOP_HEADING = /^([一二三四五六七八九十]{1,2})[、.]\s*(\S.{0,44})$/;

/**
 * The section a top-level heading (一、… 十、) opens, matched on key phrases because wording
 * varies; 'unknown' for a top-level heading of none of the six (its text joins the section
 * before it); null when the line is not a top-level heading.
 */
export function classifyHeading(text: string): SectionKey | 'unknown' | null {
  const hit = TOP_HEADING.exec(text.trim());
  if (!hit) return null;
  const words = hit[2] ?? '';
  if (/[。;；]$/.test(words) || /\d{2,}$/.test(words)) return null;
  if (/复议|诉讼/.test(words)) return 'reviewLitigation';
  if (/问题|改进|不足/.test(words)) return 'problems';
  if (/其他需要报告|其他事项|其它事项|说明|附表/.test(words)) return 'other';
  if (/申请/.test(words)) return 'applications';
  if (/主动公开|公开情况|公开平台/.test(words)) return 'proactive';
  if (/总体|概述|概况|基本情况/.test(words)) return 'overview';
  return 'unknown';
}
