import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: ReactNode;
}

/** A labelled input with its hint and the server's message for it. */
export function Field({ label, error, hint, id, className, ...input }: FieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return (
    <div className={['field', className ?? ''].join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} className="input" aria-invalid={!!error || undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <span id={`${inputId}-error`} className="field-error">
          {error}
        </span>
      ) : (
        hint && (
          <span id={`${inputId}-hint`} className="field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
