import { useI18n } from '../../../app/i18n';
import { Field } from '../../../ui/Field';

/** The longest message a reminder may carry (the server refuses a longer one). */
export const MAX_REMIND_MESSAGE = 500;

/** Whether a reminder's message is over the limit (counted as sent: trimmed). */
export function remindMessageTooLong(message: string): boolean {
  return message.trim().length > MAX_REMIND_MESSAGE;
}

/** The optional message of a reminder, with its length and the limit under it. */
export function RemindMessageField({
  message,
  onChange,
  rows,
  testId,
}: {
  message: string;
  onChange: (message: string) => void;
  rows: number;
  testId: string;
}) {
  const { t } = useI18n();
  const length = message.trim().length;
  const tooLong = length > MAX_REMIND_MESSAGE;
  return (
    <Field
      label={t('remind.message')}
      hint={tooLong ? undefined : t('remind.messageHint', { length, max: MAX_REMIND_MESSAGE })}
      error={
        tooLong
          ? t('error.notification.messageTooLong', { length, max: MAX_REMIND_MESSAGE })
          : undefined
      }
    >
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={message}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      )}
    </Field>
  );
}
