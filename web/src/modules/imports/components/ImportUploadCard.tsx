import { shanghaiDay } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useViewer } from '../../auth/hooks/useViewer';
import { useOrganizationChoices } from '../../organizations/hooks/useOrganizationChoices';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Field } from '../../../ui/Field';
import { type PickerOption, SearchPicker } from '../../../ui/SearchPicker';
import { useStartImport } from '../hooks/useImportBatches';
import { publishedYear } from '../utils/published-year';

const ACCEPT = '.zip,.pdf,.doc,.docx,.wps,.rtf,.odt,.html,.htm,.txt,.xlsx';

/** Upload a .zip (or several files) of published reports for a region and a statistics year. */
export function ImportUploadCard({ onStarted }: { onStarted: (batchId: string) => void }) {
  const { t, errorText } = useI18n();
  const { viewer } = useViewer();
  const { busy, start } = useStartImport();
  const own = viewer
    ? { id: viewer.user.organizationId, label: viewer.user.organization?.name ?? '' }
    : null;
  const [region, setRegion] = useState<PickerOption | null>(null);
  const [query, setQuery] = useState('');
  // the latest year whose reports are out; a closed round of that year takes them as records
  const [year, setYear] = useState(() => String(publishedYear(shanghaiDay(new Date()))));
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const chosen = region ?? own;
  const choices = useOrganizationChoices(
    query,
    { withinId: viewer?.user.organizationId, levels: ['NATION', 'PROVINCE', 'CITY', 'COUNTY'] },
    !query.trim(),
  );
  const submit = async () => {
    if (!chosen || files.length === 0) return;
    setError(null);
    try {
      const batch = await start({ files, scopeOrganizationId: chosen.id, year: Number(year) });
      setFiles([]);
      onStarted(batch.id);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Card title={t('importBatch.upload.title')}>
      <p className="muted">{t('importBatch.upload.intro')}</p>
      <div className="toolbar import-form">
        <Field label={t('importBatch.upload.region')}>
          {(control) => (
            <SearchPicker
              control={control}
              chosen={chosen}
              query={query}
              onQuery={setQuery}
              options={query.trim() ? choices.options : []}
              total={query.trim() ? choices.total : 0}
              loading={choices.loading}
              onChoose={(o) => {
                setRegion(o);
                if (!o) setQuery('');
              }}
              placeholder={t('rounds.searchPlaceholder')}
              texts={{
                noMatch: query.trim() ? t('picker.noMatch') : '',
                more: (count) => t('picker.more', { count }),
                clear: t('picker.clear'),
                chosen: t('picker.chosen', { name: chosen?.label ?? '' }),
              }}
            />
          )}
        </Field>
        <Field label={t('importBatch.upload.year')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={2000}
              max={2100}
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('importBatch.upload.files')} hint={t('importBatch.upload.filesHint')}>
          {(control) => (
            <span className="inline-field">
              {/* the browser's own file button speaks the browser's language: ours speaks the page's */}
              <label className="btn btn-secondary">
                {t('importBatch.upload.choose')}
                <input
                  {...control}
                  type="file"
                  multiple
                  accept={ACCEPT}
                  className="visually-hidden"
                  onChange={(e) => setFiles([...(e.target.files ?? [])])}
                />
              </label>
              <span className={files.length > 0 ? undefined : 'muted'}>
                {files.length > 0
                  ? t('importBatch.upload.chosenFiles', { count: files.length })
                  : t('importBatch.upload.noFiles')}
              </span>
            </span>
          )}
        </Field>
      </div>
      {error && <p role="alert">{error}</p>}
      <Button
        onClick={() => void submit()}
        busy={busy}
        disabled={busy || files.length === 0 || !chosen || !year}
      >
        {t('importBatch.upload.start')}
      </Button>
    </Card>
  );
}
