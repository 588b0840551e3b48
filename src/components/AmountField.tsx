// The one amount input: label, optional Max button, help line, and the parser's sentence when the text
// is invalid (src/lib/parse.ts decides what is valid; this only shows it).
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
}: {
  id: string;
  label: string;
  value: string;
  onChange: (s: string) => void;
  parsed: Parsed<unknown> | undefined;
  help?: string;
  onMax?: () => void;
}) {
  const bad = parsed !== undefined && !parsed.ok && value.trim() !== '';
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
          placeholder="0.00"
          className={inputClass}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={bad}
          aria-describedby={describedBy}
        />
        {onMax && (
          <button type="button" className="rounded-xl border border-slate-700 px-3 text-sm text-slate-200 hover:bg-slate-800" onClick={onMax}>
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
    </div>
  );
}
