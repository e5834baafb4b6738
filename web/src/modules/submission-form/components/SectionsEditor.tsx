import {
  MAX_SECTION_CHARS,
  SECTION_KEYS,
  type SectionKey,
  sectionLabel,
} from '@gongkai/report-model';
import { useI18n } from '../../../app/i18n';
import { type CellFindings, controlId } from '../utils/findings-index';
import { localeLang } from '../utils/locale-lang';
import type { ReportDraft } from '../utils/report-draft';
import { type CellComment, CellTip } from './CellTip';

type Props = {
  draft: ReportDraft;
  findings: ReadonlyMap<string, CellFindings>;
  comments: ReadonlyMap<string, readonly CellComment[]>;
  readOnly?: boolean;
  onChange: (key: SectionKey, text: string) => void;
  onPick?: (path: string) => void;
};

/** The six sections of the report as text areas, with a character count and their findings. */
export function SectionsEditor({ draft, findings, comments, readOnly, onChange, onPick }: Props) {
  const { t, locale, formatNumber } = useI18n();
  const lang = localeLang(locale);
  const general = findings.get('sections');
  return (
    <section className="sections-editor" aria-labelledby={controlId('sections')}>
      <h2 id={controlId('sections')} tabIndex={-1}>
        {t('form.sections')}
      </h2>
      {general && (
        <div className="section-general">
          {general.findings.map((f) => (
            <p key={f.rule} className={`tip-${f.severity}`}>
              {lang === 'en' ? f.messageEn : f.message}
            </p>
          ))}
        </div>
      )}
      {SECTION_KEYS.map((key) => {
        const path = `sections.${key}`;
        const text = draft.report.sections[key] ?? '';
        const id = controlId(path);
        const tooLong = text.length > MAX_SECTION_CHARS;
        const cellFindings = findings.get(path);
        const cellComments = comments.get(path);
        const tipId = `${id}-tip`;
        return (
          <div
            key={key}
            className={`section-field cell ${cellFindings ? `sev-${cellFindings.worst}` : ''} ${tooLong ? 'sev-error' : ''}`}
          >
            <label htmlFor={id}>{sectionLabel(key, lang)}</label>
            <textarea
              id={id}
              rows={key === 'overview' ? 6 : 3}
              value={text}
              readOnly={readOnly}
              aria-invalid={tooLong || undefined}
              aria-describedby={`${id}-count ${cellFindings || cellComments ? tipId : ''}`.trim()}
              onChange={(e) => onChange(key, e.target.value)}
              onClick={onPick ? () => onPick(path) : undefined}
            />
            <div className={`section-count ${tooLong ? 'field-error' : ''}`} id={`${id}-count`}>
              {tooLong
                ? t('form.sectionTooLong', { max: formatNumber(MAX_SECTION_CHARS) })
                : t('form.characters', { count: formatNumber(text.length) })}
            </div>
            {(cellFindings || cellComments) && (
              <div className="section-tip">
                <CellTip id={tipId} findings={cellFindings?.findings} comments={cellComments} />
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
