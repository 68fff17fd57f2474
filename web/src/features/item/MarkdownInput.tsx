import { useId, useRef, useState } from 'react';
import { Markdown } from '../../ui/Markdown';
import { insertMention, matchMembers, mentionAt, type Mentionable } from './mentions';

/**
 * A Markdown textarea with Write and Preview tabs; Ctrl/⌘+Enter submits, Esc asks to cancel.
 * Given `mentions`, typing @ offers the product's members (arrows choose, Enter or Tab inserts).
 */
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
  mentions,
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
  /** the people @ completes: members of the product */
  mentions?: Mentionable[];
}) {
  const [preview, setPreview] = useState(false);
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [cursor, setCursor] = useState(0);
  const choices = mention && mentions ? matchMembers(mentions, mention.query) : [];
  const open = choices.length > 0;

  const look = (text: string, caret: number) => {
    setMention(mentions?.length ? mentionAt(text, caret) : null);
    setCursor(0);
  };
  const choose = (member: Mentionable) => {
    if (!mention) return;
    const next = insertMention(value, mention, member);
    onChange(next.text);
    setMention(null);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(next.caret, next.caret));
  };
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
            ref={textarea}
            className="input md-textarea"
            aria-label={label}
            aria-autocomplete={mentions ? 'list' : undefined}
            aria-expanded={mentions ? open : undefined}
            aria-controls={open ? `${id}-mentions` : undefined}
            aria-activedescendant={open ? `${id}-mention-${choices[cursor]?.id}` : undefined}
            rows={compact ? 1 : rows}
            value={value}
            autoFocus={autoFocus}
            placeholder={placeholder}
            disabled={disabled}
            onChange={(e) => {
              onChange(e.target.value);
              look(e.target.value, e.target.selectionStart);
            }}
            onFocus={onFocus}
            onBlur={() => setMention(null)}
            onKeyDown={(e) => {
              if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
                e.preventDefault();
                setCursor((c) => (c + (e.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length);
              } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
                e.preventDefault();
                choose(choices[cursor]!);
              } else if (open && e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setMention(null);
              } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                onSubmit();
              } else if (e.key === 'Escape' && onCancel) {
                e.stopPropagation();
                onCancel();
              }
            }}
          />
        )}
        {open && !preview && (
          <ul className="mention-menu" id={`${id}-mentions`} role="listbox" aria-label="People to mention">
            {choices.map((m, i) => (
              <li
                key={m.id}
                id={`${id}-mention-${m.id}`}
                role="option"
                aria-selected={i === cursor}
                className={i === cursor ? 'is-cursor' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(m);
                }}
                onMouseEnter={() => setCursor(i)}
              >
                @{m.name}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
