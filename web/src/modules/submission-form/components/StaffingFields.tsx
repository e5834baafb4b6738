import type { Staffing } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Field } from '../../../ui/Field';
import { type CellFindings, controlId } from '../utils/findings-index';
import { parseCellInput } from '../utils/parse-cell-input';

type Props = {
  staffing: Staffing | undefined;
  publishedOn: string | null | undefined;
  findings: ReadonlyMap<string, CellFindings>;
  readOnly?: boolean;
  onStaffing: (key: keyof Staffing, value: number | boolean | null) => void;
  onPublishedOn: (value: string | null) => void;
};

const COUNTS = ['dedicatedStaff', 'partTimeStaff', 'trainings'] as const;

/** Staffing facts of the disclosure office (counts parsed like table cells) and the publication date. */
export function StaffingFields({
  staffing,
  publishedOn,
  findings,
  readOnly,
  onStaffing,
  onPublishedOn,
}: Props) {
  const { t, locale } = useI18n();
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <section className="staffing" aria-labelledby="staffing-title">
      <h2 id="staffing-title">{t('form.staffing')}</h2>
      <div className="staffing-grid">
        <Field label={t('form.publishedOn')} hint={t('form.publishedOnHint')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={publishedOn ?? ''}
              readOnly={readOnly}
              onChange={(e) => onPublishedOn(e.target.value || null)}
            />
          )}
        </Field>
        <Field label={t('staffing.leadingGroup')}>
          {(p) => (
            <select
              {...p}
              value={staffing?.leadingGroup == null ? '' : String(staffing.leadingGroup)}
              disabled={readOnly}
              onChange={(e) =>
                onStaffing('leadingGroup', e.target.value === '' ? null : e.target.value === 'true')
              }
            >
              <option value="">{t('form.notStated')}</option>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          )}
        </Field>
        {COUNTS.map((key) => {
          const path = `staffing.${key}`;
          const finding = findings.get(path)?.findings[0];
          const value = staffing?.[key];
          return (
            <Field
              key={key}
              id={controlId(path)}
              label={t(`staffing.${key}`)}
              error={errors[key]}
              hint={finding ? (locale === 'en' ? finding.messageEn : finding.message) : undefined}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={raw[key] ?? (value == null ? '' : String(value))}
                  readOnly={readOnly}
                  className={finding ? `sev-${finding.severity}` : undefined}
                  onChange={(e) => {
                    const text = e.target.value;
                    setRaw((r) => ({ ...r, [key]: text }));
                    const parsed = parseCellInput(text, 'count');
                    setErrors((x) => {
                      const next = { ...x };
                      if (parsed.ok) delete next[key];
                      else next[key] = t(`form.input.${parsed.error}`, { length: text.length });
                      return next;
                    });
                    onStaffing(key, parsed.ok ? parsed.value : null);
                  }}
                />
              )}
            </Field>
          );
        })}
      </div>
    </section>
  );
}
