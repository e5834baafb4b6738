import './search-picker.css';
import { useId } from 'react';
import type { FieldControlProps } from './Field';

export type PickerOption = { id: string; label: string; hint?: string };

type Props = {
  control: FieldControlProps;
  chosen: PickerOption | null;
  query: string;
  onQuery: (query: string) => void;
  options: readonly PickerOption[];
  /** How many match in all (more than shown asks for a longer query). */
  total: number;
  loading: boolean;
  onChoose: (option: PickerOption | null) => void;
  placeholder: string;
  texts: { noMatch: string; more: (count: number) => string; clear: string; chosen: string };
};

/**
 * A search box with the matching options below it (the caller pages and searches on the server);
 * once one is chosen it shows the choice with a button to choose again.
 */
export function SearchPicker({
  control,
  chosen,
  query,
  onQuery,
  options,
  total,
  loading,
  onChoose,
  placeholder,
  texts,
}: Props) {
  const listId = useId();
  if (chosen)
    return (
      <div className="picker-chosen">
        <input {...control} value={chosen.label} readOnly aria-label={texts.chosen} />
        <button type="button" className="link-button" onClick={() => onChoose(null)}>
          {texts.clear}
        </button>
      </div>
    );
  return (
    <div className="picker">
      <input
        {...control}
        type="search"
        role="combobox"
        aria-expanded={true}
        aria-controls={listId}
        aria-autocomplete="list"
        value={query}
        placeholder={placeholder}
        onChange={(e) => onQuery(e.target.value)}
      />
      {(options.length > 0 || texts.noMatch) && (
        <ul className="picker-options" id={listId} role="listbox" aria-busy={loading || undefined}>
          {options.map((o) => (
            <li key={o.id} role="option" aria-selected={false}>
              <button type="button" onClick={() => onChoose(o)}>
                <span>{o.label}</span>
                {o.hint && <span className="muted small"> {o.hint}</span>}
              </button>
            </li>
          ))}
          {!loading && options.length === 0 && <li className="muted">{texts.noMatch}</li>}
          {total > options.length && (
            <li className="muted small">{texts.more(total - options.length)}</li>
          )}
        </ul>
      )}
    </div>
  );
}
