import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import type { Roster } from '../hooks/useStaffingRoster';

/** Staffing gaps with their message (the evidence, in words). */
export function StaffingFlags({ flags }: { flags: Roster['flags'] }) {
  const { t, locale } = useI18n();
  const en = locale === 'en';
  if (flags.length === 0)
    return (
      <p className="muted" data-testid="staffing-flags-none">
        {t('roster.noFlags')}
      </p>
    );
  return (
    <ul className="finding-summary" data-testid="staffing-flags">
      {flags.map((f, i) => (
        <li key={`${f.id}-${i}`} className={`finding sev-${f.severity}`} data-flag={f.id}>
          <Badge
            tone={f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warn' : 'info'}
          >
            {en ? f.labelEn : f.labelZh}
          </Badge>{' '}
          {en ? f.messageEn : f.message}
        </li>
      ))}
    </ul>
  );
}
