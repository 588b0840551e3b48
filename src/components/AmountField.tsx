// The one amount input: label, optional Max button, help line, and the parser's sentence when the text
// is invalid (src/lib/parse.ts decides what is valid; this only shows it).
import type { ReactNode } from 'react';
import type { Parsed } from '../lib/parse';
import { ErrorNote, inputClass } from './ui';

export function AmountField({
  id,
  label,
  value,
  onChange,
  parsed,
  help,
  onMax,
  maxDisabled,
  touched,
  placeholder = '0.00',
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (s: string) => void;
  parsed: Parsed<unknown> | undefined;
  help?: ReactNode;
  onMax?: () => void;
  /** the Max button is greyed out (nothing to fill in) */
  maxDisabled?: boolean;
  /** the field has been edited: its sentence shows even once it is emptied again */
  touched?: boolean;
  placeholder?: string;
  /** more notes under the field (a contract's refusal, a derived figure) */
  children?: ReactNode;
}) {
  const bad = parsed !== undefined && !parsed.ok && (value.trim() !== '' || Boolean(touched));
  const describedBy = [help ? `${id}-help` : '', bad ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-200">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          placeholder={placeholder}
          className={inputClass}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={bad}
          aria-describedby={describedBy}
        />
        {onMax && (
          <button type="button" className="rounded-xl border border-slate-700 px-3 text-sm text-slate-200 hover:bg-slate-800 disabled:opacity-50" disabled={maxDisabled} onClick={onMax}>
            Max
          </button>
        )}
      </div>
      {help && (
        <p id={`${id}-help`} className="tabular mt-1 text-xs text-slate-400">
          {help}
        </p>
      )}
      {bad && parsed && !parsed.ok && <ErrorNote id={`${id}-error`}>{parsed.error}</ErrorNote>}
      {children}
    </div>
  );
}
