import {
  type AnnualReport,
  emptyReport,
  formatSchemaErrors,
  parseReport,
  shanghaiYear,
  TEMPLATE_LABELS,
  type TemplateId,
  templatesForYear,
} from '@gongkai/report-model';
import { type ChangeEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { blockingProblems, SubmissionForm, useSubmissionForm } from '../../modules/submission-form';
import { localeLang } from '../../modules/submission-form/utils/locale-lang';
import { Button } from '../../ui/Button';

const THIS_YEAR = shanghaiYear(new Date());
const YEARS = Array.from({ length: THIS_YEAR - 2008 }, (_, i) => THIS_YEAR - 1 - i);

function FormHost({ initial }: { initial: AnnualReport }) {
  const { t } = useI18n();
  const form = useSubmissionForm(initial);
  const problems = blockingProblems(form.draft);
  const download = () => {
    const blob = new Blob([JSON.stringify(form.draft.report, null, 2)], {
      type: 'application/json',
    });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `report-${form.draft.report.year}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <div className="toolbar">
        <Button onClick={download} disabled={problems.length > 0}>
          {t('selfCheck.downloadJson')}
        </Button>
        {problems.length > 0 && (
          <span className="field-error" role="status">
            {t('form.blocking', { count: problems.length })}
          </span>
        )}
      </div>
      <SubmissionForm {...form} />
    </>
  );
}

/** Fill in or load a report and see every finding at once, without signing in or saving. */
export default function SelfCheckPage() {
  const { t, locale } = useI18n();
  const lang = localeLang(locale);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || THIS_YEAR - 1;
  const allowed = templatesForYear(year).filter((id) => id !== 'narrative');
  const template = (allowed.find((id) => id === params.get('template')) ??
    allowed[0] ??
    '2021') as TemplateId;
  const [loaded, setLoaded] = useState<{ report: AnnualReport; id: number } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const initial =
    loaded && loaded.report.year === year && loaded.report.template === template
      ? loaded.report
      : emptyReport(template, year);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setLoadError(null);
    try {
      const parsed = parseReport(JSON.parse(await file.text()));
      if (!parsed.ok) {
        setLoadError(formatSchemaErrors(parsed.errors));
        return;
      }
      setLoaded({ report: parsed.report, id: Date.now() });
      setParams({ year: String(parsed.report.year), template: parsed.report.template });
    } catch (error) {
      setLoadError((error as Error).message);
    }
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('selfCheck.title')}</h1>
        <p className="muted">{t('selfCheck.intro')}</p>
      </header>
      <div className="toolbar">
        <label className="inline-field">
          {t('selfCheck.year')}
          <select value={year} onChange={(e) => setParams({ year: e.target.value })}>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {allowed.length > 1 && (
          <label className="inline-field">
            {t('selfCheck.template')}
            <select
              value={template}
              onChange={(e) => setParams({ year: String(year), template: e.target.value })}
            >
              {allowed.map((id) => (
                <option key={id} value={id}>
                  {TEMPLATE_LABELS[id][lang]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="btn">
          {t('selfCheck.loadJson')}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={onFile}
          />
        </label>
      </div>
      {loadError && (
        <p role="alert" className="field-error">
          {t('selfCheck.loadError', { message: loadError })}
        </p>
      )}
      <FormHost key={`${template}-${year}-${loaded?.id ?? 0}`} initial={initial} />
    </div>
  );
}
