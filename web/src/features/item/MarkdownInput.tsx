import { useId, useState } from 'react';
import { Markdown } from '../../ui/Markdown';

/** A Markdown textarea with Write and Preview tabs; Ctrl/⌘+Enter submits, Esc asks to cancel. */
export function MarkdownInput({
  label,
  value,
  onChange,
  onSubmit,
  onCancel,
  rows = 4,
  autoFocus,
  placeholder,
  disabled,
  compact,
  onFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onCancel?: () => void;
  rows?: number;
  autoFocus?: boolean;
  placeholder?: string;
  disabled?: boolean;
  /** one line without the tabs, until it is used */
  compact?: boolean;
  onFocus?: () => void;
}) {
  const [preview, setPreview] = useState(false);
  const id = useId();
  return (
    <div className={`md-input ${compact ? 'is-compact' : ''}`}>
      {!compact && (
        <div className="md-tabs" role="tablist" aria-label={`${label}: write or preview`}>
          <button type="button" role="tab" aria-selected={!preview} aria-controls={id} className="md-tab" onClick={() => setPreview(false)}>
            Write
          </button>
          <button type="button" role="tab" aria-selected={preview} aria-controls={id} className="md-tab" onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
      )}
      <div id={id} role={compact ? undefined : 'tabpanel'}>
        {preview && !compact ? (
          <div className="md-preview">{value.trim() ? <Markdown source={value} /> : <p className="faint">Nothing to preview.</p>}</div>
        ) : (
          <textarea
            className="input md-textarea"
            aria-label={label}
            rows={compact ? 1 : rows}
            value={value}
            autoFocus={autoFocus}
            placeholder={placeholder}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            onFocus={onFocus}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                onSubmit();
              } else if (e.key === 'Escape' && onCancel) {
                e.stopPropagation();
                onCancel();
              }
            }}
          />
        )}
      </div>
    </div>
  );
}
