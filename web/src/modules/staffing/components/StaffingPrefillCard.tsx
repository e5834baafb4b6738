import { fieldLabel } from '../../submission-form/utils/field-label';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { shanghaiYear } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { useToast } from '../../../ui/Toast';
import { useRosterEdits, useStaffingPrefill } from '../hooks/useStaffingRoster';

/**
 * What the report says about staffing, proposed as roster entries with the line each fact came
 * from; the bureau names the people (optional) and confirms.
 */
export function StaffingPrefillCard({
  organizationId,
  roundId,
}: {
  organizationId: string;
  roundId: string;
}) {
  const i18n = useI18n();
  const { t, errorText } = i18n;
  const lang = localeLang(i18n.locale);
  const { prefill } = useStaffingPrefill(organizationId, roundId);
  const { applyPrefill, busy } = useRosterEdits();
  const toast = useToast();
  const [names, setNames] = useState<Record<number, string>>({});
  const [from, setFrom] = useState(`${shanghaiYear(new Date())}-01-01`);
  if (!prefill?.versionId || (prefill.holders.length === 0 && prefill.leadingGroup !== true))
    return null;
  return (
    <Card title={t('prefill.title')}>
      <p className="muted">{t('prefill.intro')}</p>
      <ul className="plain" data-testid="prefill">
        {prefill.holders.map((h, i) => (
          <li key={i}>
            {h.fullTime ? t('roster.fullTime') : t('roster.partTime')} ·{' '}
            <span className="muted">
              {h.line == null
                ? t('prefill.sourceNoLine', { path: fieldLabel(h.path, lang, i18n) })
                : t('prefill.source', { path: fieldLabel(h.path, lang, i18n), line: h.line })}
            </span>{' '}
            <input
              aria-label={t('roster.holderName')}
              placeholder={t('roster.holderName')}
              value={names[i] ?? ''}
              maxLength={60}
              onChange={(e) => setNames({ ...names, [i]: e.target.value })}
            />
          </li>
        ))}
        {prefill.leadingGroup === true && (
          <li>
            {t('prefill.leadingGroup')}{' '}
            <span className="muted">
              {prefill.leadingGroupLine == null
                ? t('prefill.sourceNoLine', {
                    path: fieldLabel('staffing.leadingGroup', lang, i18n),
                  })
                : t('prefill.source', {
                    path: fieldLabel('staffing.leadingGroup', lang, i18n),
                    line: prefill.leadingGroupLine,
                  })}
            </span>
          </li>
        )}
        {prefill.trainings != null && (
          <li>{t('prefill.trainings', { count: prefill.trainings })}</li>
        )}
      </ul>
      <label className="inline-field">
        {t('roster.fromDate')}
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>{' '}
      <Button
        variant="primary"
        busy={busy}
        onClick={async () => {
          try {
            await applyPrefill({
              variables: {
                input: {
                  organizationId,
                  roundId,
                  fromDate: from,
                  names: prefill.holders.map((h, i) => ({
                    postKey: h.postKey,
                    holderName: names[i] ?? '',
                  })),
                },
              },
            });
            toast.show(t('prefill.applied'), 'ok');
          } catch (error) {
            toast.show(errorText(error), 'error');
          }
        }}
      >
        {t('prefill.apply')}
      </Button>
    </Card>
  );
}
