import type { Finding } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';

export const MAX_JUSTIFICATION_CHARS = 2000;

type Props = {
  finding: Finding | null;
  initial: string;
  onSave: (text: string) => void;
  onClose: () => void;
};

/** The bureau explains a warning it will not fix (e.g. why last year's carried-forward differs). */
export function JustifyDialog({ finding, initial, onSave, onClose }: Props) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(initial);
  const tooLong = text.length > MAX_JUSTIFICATION_CHARS;
  return (
    <Dialog
      open={!!finding}
      title={t('form.justifyTitle')}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            disabled={tooLong}
            onClick={() => {
              onSave(text.trim());
              onClose();
            }}
          >
            {t('common.save')}
          </Button>
        </>
      }
    >
      {finding && (
        <p className="tip-warning">{locale === 'en' ? finding.messageEn : finding.message}</p>
      )}
      <Field
        label={t('form.justification')}
        hint={t('form.justifyHint', { max: MAX_JUSTIFICATION_CHARS })}
        error={
          tooLong ? t('form.justificationTooLong', { max: MAX_JUSTIFICATION_CHARS }) : undefined
        }
      >
        {(p) => <textarea {...p} rows={5} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
    </Dialog>
  );
}
