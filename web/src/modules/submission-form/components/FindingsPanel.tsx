import { type Finding, getRule, type RuleId, type Severity } from '@gongkai/report-model';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import type { CheckTiming } from '../hooks/useLiveFindings';
import { fieldLabel } from '../utils/field-label';
import { controlId, findingKey } from '../utils/findings-index';
import { localeLang } from '../utils/locale-lang';
import { ruleName } from '../utils/rule-name';

type Props = {
  findings: readonly Finding[];
  timing: CheckTiming | null;
  stale: boolean;
  justifications: Readonly<Record<string, string>>;
  onJustify?: (finding: Finding) => void;
  /** What the status line says when no timing is shown (default: checked as you type). */
  note?: string;
};

const TONE: Record<Severity, 'error' | 'warn' | 'info'> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
};
const MAX_LINKS = 6;

/** Focuses the control of a cell or field (and scrolls it into view). */
export function focusControl(path: string) {
  const el =
    document.getElementById(controlId(path)) ??
    document.getElementById(controlId(path.split('.')[0] ?? path));
  el?.scrollIntoView?.({ block: 'center' });
  el?.focus();
}

/** The live findings, grouped by severity, each linking to the cells it names. */
export function FindingsPanel({ findings, timing, stale, justifications, onJustify, note }: Props) {
  const i18n = useI18n();
  const { t, locale, formatNumber } = i18n;
  const lang = localeLang(locale);
  const [filter, setFilter] = useState<Severity | 'all'>('all');
  const counts = useMemo(() => {
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of findings) c[f.severity] += 1;
    return c;
  }, [findings]);
  const shown = filter === 'all' ? findings : findings.filter((f) => f.severity === filter);
  return (
    <section
      className="findings-panel"
      aria-labelledby="findings-title"
      data-testid="findings-panel"
      data-finding-count={findings.length}
      data-stale={stale || undefined}
    >
      <header className="findings-header">
        <h2 id="findings-title">{t('form.findings')}</h2>
        <div className="findings-counts" role="group" aria-label={t('form.filterSeverity')}>
          {(['all', 'error', 'warning', 'info'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={`chip ${filter === s ? 'chip-on' : ''}`}
              aria-pressed={filter === s}
              onClick={() => setFilter(s)}
            >
              {t(`severity.${s}`)} {s === 'all' ? findings.length : counts[s]}
            </button>
          ))}
        </div>
      </header>
      <p className="findings-status" aria-live="polite">
        {stale
          ? t('form.checking')
          : timing
            ? t('form.checkedIn', {
                check: formatNumber(Math.max(1, timing.checkMs), { maximumFractionDigits: 0 }),
              })
            : (note ?? t('form.checkedSameRules'))}
      </p>
      {shown.length === 0 ? (
        <p className="findings-empty">{t('form.noFindings')}</p>
      ) : (
        <ol className="findings-list">
          {shown.map((f) => {
            const key = findingKey(f);
            const justified = justifications[key];
            return (
              <li key={key} className={`finding sev-${f.severity}`} data-rule={f.rule}>
                <div className="finding-head">
                  <Badge tone={TONE[f.severity]}>{t(`severity.${f.severity}`)}</Badge>
                  <span
                    className="finding-rule"
                    title={t('form.ruleDetails', {
                      name: getRule(f.rule as RuleId).description[lang],
                      id: f.rule,
                    })}
                  >
                    {ruleName(f.rule, lang, i18n)}
                  </span>
                </div>
                <p className="finding-message">
                  {f.rule === 'completeness.blankCells'
                    ? t('form.blankCells', { count: f.cells.length })
                    : lang === 'en'
                      ? f.messageEn
                      : f.message}
                </p>
                {f.cells.length > 0 && (
                  <ul className="finding-cells">
                    {f.cells.slice(0, MAX_LINKS).map((cell) => (
                      <li key={cell}>
                        <a
                          href={`#${controlId(cell)}`}
                          onClick={(e) => {
                            e.preventDefault();
                            focusControl(cell);
                          }}
                        >
                          {fieldLabel(cell, lang, i18n)}
                        </a>
                      </li>
                    ))}
                    {f.cells.length > MAX_LINKS && (
                      <li className="muted">
                        {t('form.moreCells', { count: f.cells.length - MAX_LINKS })}
                      </li>
                    )}
                  </ul>
                )}
                {f.severity === 'warning' && onJustify && (
                  <div className="finding-justify">
                    {justified && (
                      <p className="justification">
                        <strong>{t('form.justification')}：</strong>
                        {justified}
                      </p>
                    )}
                    <Button size="sm" variant="ghost" onClick={() => onJustify(f)}>
                      {justified ? t('form.editJustification') : t('form.justify')}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
