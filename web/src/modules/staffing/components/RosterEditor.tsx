import { shanghaiDay } from '@gongkai/report-model';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useToast } from '../../../ui/Toast';
import {
  type RosterHolder,
  type RosterPost,
  useRosterEdits,
  useStaffingRoster,
} from '../hooks/useStaffingRoster';
import { RosterView } from './RosterView';
import { StaffingPrefillCard } from './StaffingPrefillCard';
import { TrainingsCard } from './TrainingsCard';

type Props = { organizationId: string; roundId: string };

function AssignForm({
  organizationId,
  post,
  onDone,
}: {
  organizationId: string;
  post: RosterPost;
  onDone: () => void;
}) {
  const { t, locale, errorText } = useI18n();
  const { assign, busy } = useRosterEdits();
  const toast = useToast();
  const [name, setName] = useState('');
  const [fullTime, setFullTime] = useState(post.fullTimeRequired);
  const [from, setFrom] = useState(shanghaiDay(new Date()));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await assign({
        variables: {
          input: {
            organizationId,
            postKey: post.postKey,
            holderName: name,
            fullTime,
            fromDate: from,
          },
        },
      });
      onDone();
    } catch (error) {
      toast.show(errorText(error), 'error');
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid={`assign-${post.postKey}`}>
      <Field label={t('roster.holderName')}>
        {(p) => (
          <input
            {...p}
            value={name}
            maxLength={60}
            required
            onChange={(e) => setName(e.target.value)}
            name="holderName"
          />
        )}
      </Field>
      <Field label={t('roster.fromDate')}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={from}
            required
            onChange={(e) => setFrom(e.target.value)}
          />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={fullTime} onChange={(e) => setFullTime(e.target.checked)} />{' '}
        {t('roster.fullTime')}
      </label>
      <Button type="submit" variant="primary" size="sm" busy={busy}>
        {t('roster.assign', { post: locale === 'en' ? post.labelEn : post.labelZh })}
      </Button>
    </form>
  );
}

/** "Record leaving…": a dialog naming the holder and post, with the last day on the post. */
function EndHolding({ holder, postLabel }: { holder: RosterHolder; postLabel: string }) {
  const { t, errorText } = useI18n();
  const { update } = useRosterEdits();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [until, setUntil] = useState(shanghaiDay(new Date()));
  const name = holder.holderName || t('roster.unnamed');
  const save = async () => {
    setSaving(true);
    try {
      await update({
        variables: {
          input: { id: holder.id, expectedRevision: holder.revision, untilDate: until },
        },
      });
      setOpen(false);
    } catch (error) {
      toast.show(errorText(error), 'error');
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('roster.endAction')}
      </button>
      <Dialog
        open={open}
        title={t('roster.endTitle', { name, post: postLabel })}
        onClose={() => setOpen(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={saving} disabled={!until} onClick={() => void save()}>
              {t('roster.endConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('roster.endExplain', { name, post: postLabel, from: holder.fromDate })}</p>
        <label className="inline-field">
          {t('roster.untilDate')}
          <input
            type="date"
            value={until}
            min={holder.fromDate}
            onChange={(e) => setUntil(e.target.value)}
          />
        </label>
      </Dialog>
    </>
  );
}

/** The bureau's own roster: fill and end posts, trainings, leading group, prefill, confirm. */
export function RosterEditor({ organizationId, roundId }: Props) {
  const { t, errorText, locale } = useI18n();
  const { roster, loading, error } = useStaffingRoster(organizationId, roundId);
  const { confirm, leadingGroup, busy } = useRosterEdits();
  const toast = useToast();
  const [editing, setEditing] = useState<string | null>(null);
  const [established, setEstablished] = useState<string>('');
  if (loading) return <p>{t('common.loading')}</p>;
  if (error) return <p role="alert">{errorText(error)}</p>;
  if (!roster) return null;
  return (
    <div className="page-grid">
      <Card
        title={t('roster.title')}
        actions={
          <Button
            busy={busy}
            onClick={async () => {
              await confirm({ variables: { input: { organizationId } } });
              toast.show(t('roster.confirmed'), 'ok');
            }}
          >
            {t('roster.confirm')}
          </Button>
        }
      >
        <RosterView
          roster={roster}
          holderActions={(h, p) =>
            h.untilDate ? null : (
              <EndHolding holder={h} postLabel={locale === 'en' ? p.labelEn : p.labelZh} />
            )
          }
          postActions={(p) =>
            editing === p.postKey ? (
              <AssignForm
                organizationId={organizationId}
                post={p}
                onDone={() => setEditing(null)}
              />
            ) : (
              <Button
                size="sm"
                variant={p.vacant ? 'primary' : 'secondary'}
                onClick={() => setEditing(p.postKey)}
                data-testid={`add-${p.postKey}`}
              >
                {p.vacant ? t('roster.fill') : t('roster.addHolder')}
              </Button>
            )
          }
        />
      </Card>
      <StaffingPrefillCard organizationId={organizationId} roundId={roundId} />
      <TrainingsCard organizationId={organizationId} roster={roster} />
      <Card title={t('roster.leadingGroup')}>
        <p>
          {roster.leadingGroupEstablishedOn
            ? t('roster.leadingGroupSince', { date: roster.leadingGroupEstablishedOn })
            : t('roster.leadingGroupNone')}
        </p>
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await leadingGroup({
                variables: {
                  input: {
                    organizationId,
                    expectedRevision: roster.profileRevision,
                    establishedOn: established || null,
                  },
                },
              });
            } catch (err) {
              toast.show(errorText(err), 'error');
            }
          }}
        >
          <Field label={t('roster.establishedOn')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={established}
                onChange={(e) => setEstablished(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" size="sm">
            {t('common.save')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
