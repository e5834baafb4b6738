import { shanghaiDay } from '@gongkai/report-model';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Field } from '../../../ui/Field';
import { Table } from '../../../ui/Table';
import { useToast } from '../../../ui/Toast';
import { type Roster, useRosterEdits } from '../hooks/useStaffingRoster';

/** Trainings attended: list, record, remove. */
export function TrainingsCard({
  organizationId,
  roster,
}: {
  organizationId: string;
  roster: Roster;
}) {
  const { t, formatNumber, errorText } = useI18n();
  const { recordTraining, removeTraining, busy } = useRosterEdits();
  const toast = useToast();
  const [heldOn, setHeldOn] = useState(shanghaiDay(new Date()));
  const [topic, setTopic] = useState('');
  const [hours, setHours] = useState('2');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await recordTraining({
        variables: { input: { organizationId, heldOn, topic, hours: Number(hours) } },
      });
      setTopic('');
    } catch (error) {
      toast.show(errorText(error), 'error');
    }
  };
  return (
    <Card title={t('roster.trainings')}>
      <Table
        caption={t('roster.trainings')}
        hideCaption
        rows={roster.trainings}
        rowKey={(r) => r.id}
        empty={t('roster.noTrainings')}
        columns={[
          { key: 'date', header: t('roster.heldOn'), render: (r) => r.heldOn },
          { key: 'topic', header: t('roster.topic'), render: (r) => r.topic },
          {
            key: 'hours',
            header: t('roster.hours'),
            align: 'right',
            render: (r) => formatNumber(r.hours),
          },
          {
            key: 'remove',
            header: '',
            render: (r) => (
              <button
                type="button"
                className="link-button"
                onClick={() => removeTraining({ variables: { input: { id: r.id } } })}
              >
                {t('roster.remove')}
              </button>
            ),
          },
        ]}
      />
      <form className="inline-form" onSubmit={submit}>
        <Field label={t('roster.heldOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={heldOn}
              required
              onChange={(e) => setHeldOn(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('roster.topic')}>
          {(p) => (
            <input
              {...p}
              value={topic}
              required
              maxLength={200}
              onChange={(e) => setTopic(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('roster.hours')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min="0.5"
              step="0.5"
              value={hours}
              required
              onChange={(e) => setHours(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" size="sm" busy={busy}>
          {t('roster.recordTraining')}
        </Button>
      </form>
    </Card>
  );
}
