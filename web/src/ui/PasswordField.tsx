import { useState, type InputHTMLAttributes } from 'react';
import { Field } from './Field';
import './password-field.css';

/**
 * A password input: never shown as typed, with a Show button for checking what was typed
 * (the button is outside the tab order's way: it follows the input).
 */
export function PasswordField({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const [shown, setShown] = useState(false);
  return (
    <div className="password-field">
      <Field label={label} error={error} hint={hint} type={shown ? 'text' : 'password'} spellCheck={false} {...input} />
      <button
        type="button"
        className="password-toggle"
        aria-pressed={shown}
        aria-label={shown ? 'Hide password' : 'Show password'}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}
