import type { Finding } from '@gongkai/report-model';
import { useI18n } from '../../../app/i18n';
import type { ParsedCellInput } from '../utils/parse-cell-input';

export type CellComment = {
  readonly id: string;
  readonly cell: string | null;
  readonly body: string;
};

type Props = {
  id: string;
  input?: ParsedCellInput;
  findings?: readonly Finding[];
  guessed?: boolean;
  comments?: readonly CellComment[];
};

/** Messages about one cell: shown on hover and focus, and tied to the input by aria-describedby. */
export function CellTip({ id, input, findings, guessed, comments }: Props) {
  const { t, locale } = useI18n();
  const lines: { key: string; className: string; text: string }[] = [];
  if (input && !input.ok) {
    lines.push({
      key: 'input',
      className: 'tip-error',
      text: t(`form.input.${input.error}`, { length: input.length ?? 0 }),
    });
  }
  if (input?.ok) {
    for (const notice of input.notices) {
      lines.push({ key: notice, className: 'tip-info', text: t(`form.notice.${notice}`) });
    }
  }
  if (guessed) lines.push({ key: 'guessed', className: 'tip-info', text: t('form.guessed') });
  for (const [i, c] of (comments ?? []).entries()) {
    lines.push({
      key: `c${i}`,
      className: 'tip-comment',
      text: t('form.comment', { body: c.body }),
    });
  }
  for (const [i, f] of (findings ?? []).entries()) {
    lines.push({
      key: `f${i}`,
      className: `tip-${f.severity}`,
      text:
        f.rule === 'completeness.blankCells'
          ? t('form.blankCell')
          : locale === 'en'
            ? f.messageEn
            : f.message,
    });
  }
  if (lines.length === 0) return null;
  return (
    <div className="cell-tip" id={id} role="tooltip">
      {lines.map((line) => (
        <p key={line.key} className={line.className}>
          {line.text}
        </p>
      ))}
    </div>
  );
}
