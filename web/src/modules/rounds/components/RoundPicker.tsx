import { useI18n } from '../../../app/i18n';
import { useRoundParam } from '../hooks/useRoundParam';

export { useRoundParam };

export function RoundPicker() {
  const { t } = useI18n();
  const { rounds, round, setRound } = useRoundParam();
  return (
    <label className="inline-field">
      {t('round.round')}
      <select value={round?.id ?? ''} onChange={(e) => setRound(e.target.value)}>
        {rounds.map((r) => (
          <option key={r.id} value={r.id}>
            {t('round.label', { year: r.year, scope: r.scopeOrganization.name })}
          </option>
        ))}
      </select>
    </label>
  );
}
