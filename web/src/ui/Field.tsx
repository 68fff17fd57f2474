import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

interface Labelled {
  label: string;
  error?: string;
  hint?: ReactNode;
}

/** A label, the control, and under it the server's message for it or else its hint. */
function Labelled({
  label,
  error,
  hint,
  id,
  className,
  control,
}: Labelled & { id?: string; className?: string; control: (props: { id: string; 'aria-describedby'?: string }) => ReactNode }) {
  const auto = useId();
  const inputId = id ?? auto;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return (
    <div className={['field', className ?? ''].join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {control({ id: inputId, 'aria-describedby': describedBy })}
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

/** A labelled input with its hint and the server's message for it. */
export function Field({ label, error, hint, id, className, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled
      {...{ label, error, hint, id, className }}
      control={(p) => <input {...p} className="input" aria-invalid={!!error || undefined} {...input} />}
    />
  );
}

/** A labelled text area (a goal, a description) with its hint and the server's message for it. */
export function TextAreaField({ label, error, hint, id, className, ...input }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled
      {...{ label, error, hint, id, className }}
      control={(p) => <textarea {...p} className="input" aria-invalid={!!error || undefined} {...input} />}
    />
  );
}
