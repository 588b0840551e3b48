// One labelled input of a proposal form, with its help line and, once touched, its problem in words.
import type { ReactNode } from 'react';
import { ErrorNote, inputClass } from '../ui';

export function FormField({ id, label, help, error, children }: { id: string; label: string; help?: ReactNode; error?: string; children?: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-200">{label}</label>
      {children}
      {help && <p id={`${id}-help`} className="mt-1 text-xs text-slate-400">{help}</p>}
      {error && <ErrorNote id={`${id}-error`}>{error}</ErrorNote>}
    </div>
  );
}

export function TextInput({ id, value, onChange, error, decimal = true, placeholder }: { id: string; value: string; onChange: (v: string) => void; error?: string; decimal?: boolean; placeholder?: string }) {
  return (
    <input
      id={id}
      inputMode={decimal ? 'decimal' : 'text'}
      autoComplete="off"
      spellCheck={false}
      className={`${inputClass} mt-1`}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={error !== undefined}
      aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
    />
  );
}
