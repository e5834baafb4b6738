import { useId } from 'react';
import type { Tone } from './Badge';

type Props = {
  label: string;
  value: number;
  max: number;
  /** Text shown after the label, e.g. "42 / 60". */
  valueText?: string;
  tone?: Tone;
  onClick?: () => void;
};

/** A labelled horizontal progress bar (role=progressbar); clickable when `onClick` is given. */
export function ProgressBar({ label, value, max, valueText, tone = 'info', onClick }: Props) {
  const id = useId();
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const text = valueText ?? `${value} / ${max}`;
  const body = (
    <>
      <span className="progress-label" id={id}>
        <span>{label}</span>
        <span className="progress-value">{text}</span>
      </span>
      <span
        className="progress-track"
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
      >
        <span className={`progress-fill tone-${tone}`} style={{ width: `${ratio * 100}%` }} />
      </span>
    </>
  );
  return onClick ? (
    <button type="button" className="progress progress-button" onClick={onClick}>
      {body}
    </button>
  ) : (
    <div className="progress">{body}</div>
  );
}
