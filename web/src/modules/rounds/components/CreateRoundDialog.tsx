import { shanghaiDay, TEMPLATE_LABELS, templatesForYear } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useViewer } from '../../auth/hooks/useViewer';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { type PickerOption, SearchPicker } from '../../../ui/SearchPicker';
import { useToast } from '../../../ui/Toast';
import { useRoundActions } from '../hooks/useManagedRounds';
import { useOrganizationChoices } from '../../organizations/hooks/useOrganizationChoices';
import { collectingYear } from '../utils/collecting-year';
import { errorField } from '../utils/error-field';

/** Who runs rounds: the nation and the governments under it. */
const GOVERNMENTS = ['NATION' as const, 'PROVINCE' as const, 'CITY' as const, 'COUNTY' as const];

/** Create next year's round: government, year, template of the year, deadlines per level. */
export function CreateRoundDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale, errorText } = useI18n();
  const toast = useToast();
  const { viewer } = useViewer();
  const isAdmin = viewer?.user.role === 'ADMIN';
  const { create, busy } = useRoundActions();
  const today = shanghaiDay(new Date());
  const latest = Number(today.slice(0, 4)) + 1;
  const [year, setYear] = useState(() => collectingYear(today));
  const [government, setGovernment] = useState<PickerOption | null>(null);
  const [query, setQuery] = useState('');
  const templates = templatesForYear(year);
  const [template, setTemplate] = useState<string | null>(null);
  const [departmentDeadline, setDepartmentDeadline] = useState<string | null>(null);
  const [governmentDeadline, setGovernmentDeadline] = useState<string | null>(null);
  const [openNow, setOpenNow] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [tried, setTried] = useState(false);
  const choices = useOrganizationChoices(
    query,
    { withinId: isAdmin ? null : viewer?.user.organizationId, levels: GOVERNMENTS },
    !open || !!government,
  );
  const chosenTemplate = templates.find((id) => id === template) ?? templates[0];
  const dept = departmentDeadline ?? `${year + 1}-01-31`;
  const gov = governmentDeadline ?? `${year + 1}-03-31`;
  const lang = locale === 'en' ? 'en' : 'zh';
  const errorAt = (field: string) =>
    error && (error.field === field || (field === 'form' && !error.field?.startsWith('input.')))
      ? error.text
      : undefined;
  const submit = async () => {
    setTried(true);
    if (!government) return;
    setError(null);
    try {
      const data = await create({
        year,
        scopeOrganizationId: government.id,
        template: chosenTemplate,
        departmentDeadline: dept,
        governmentDeadline: gov,
        open: openNow,
      });
      const round = data?.createRound;
      if (round)
        toast.show(
          t('rounds.created', {
            round: t('rounds.roundName', { year: round.year, scope: round.scopeOrganization.name }),
          }),
          'ok',
        );
      onClose();
    } catch (e) {
      setError({ field: errorField(e), text: errorText(e) });
    }
  };
  return (
    <Dialog
      open={open}
      title={t('rounds.createTitle')}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={submit}>
            {t('rounds.createSubmit')}
          </Button>
        </>
      }
    >
      <div className="round-form">
        <Field
          label={t('rounds.government')}
          hint={t('rounds.governmentHint')}
          error={
            (tried && !government ? t('rounds.governmentRequired') : undefined) ??
            errorAt('input.scopeOrganizationId')
          }
        >
          {(control) => (
            <SearchPicker
              control={control}
              chosen={government}
              query={query}
              onQuery={setQuery}
              options={choices.options}
              total={choices.total}
              loading={choices.loading}
              onChoose={setGovernment}
              placeholder={t('rounds.searchPlaceholder')}
              texts={{
                noMatch: t('picker.noMatch'),
                more: (count) => t('picker.more', { count }),
                clear: t('picker.clear'),
                chosen: t('picker.chosen', { name: government?.label ?? '' }),
              }}
            />
          )}
        </Field>
        <Field label={t('rounds.year')} hint={t('rounds.yearHint')} error={errorAt('input.year')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={2008}
              max={latest}
              value={year}
              onChange={(e) => {
                setYear(Number(e.target.value));
                setTemplate(null);
                setDepartmentDeadline(null);
                setGovernmentDeadline(null);
              }}
            />
          )}
        </Field>
        <Field
          label={t('rounds.template')}
          hint={
            isAdmin && templates.length > 1
              ? t('rounds.templateAdminHint')
              : t('rounds.templateHint')
          }
          error={errorAt('input.template')}
        >
          {(control) =>
            isAdmin && templates.length > 1 ? (
              <select
                {...control}
                value={chosenTemplate}
                onChange={(e) => setTemplate(e.target.value)}
              >
                {templates.map((id) => (
                  <option key={id} value={id}>
                    {TEMPLATE_LABELS[id][lang]}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...control}
                readOnly
                value={chosenTemplate ? TEMPLATE_LABELS[chosenTemplate][lang] : ''}
              />
            )
          }
        </Field>
        <Field
          label={t('rounds.departmentDeadline')}
          hint={t('rounds.deadlineHint')}
          error={errorAt('input.departmentDeadline')}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={dept}
              onChange={(e) => setDepartmentDeadline(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('rounds.governmentDeadline')} error={errorAt('input.governmentDeadline')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={gov}
              onChange={(e) => setGovernmentDeadline(e.target.value)}
            />
          )}
        </Field>
        <label className="checkbox-line">
          <input type="checkbox" checked={openNow} onChange={(e) => setOpenNow(e.target.checked)} />
          {t('rounds.openNow')}
        </label>
        {errorAt('form') && (
          <p className="field-error" role="alert">
            {errorAt('form')}
          </p>
        )}
      </div>
    </Dialog>
  );
}
