import { useId, useRef, useState } from 'react';
import { Markdown } from '../../ui/Markdown';
import { insertMention, matchMembers, mentionAt, type Mentionable } from './mentions';
import { useAttachmentUpload } from './useAttachmentUpload';

/**
 * A Markdown textarea with Write and Preview tabs; Ctrl/⌘+Enter submits, Esc asks to cancel.
 * Given `mentions`, typing @ offers the product's members (arrows choose, Enter or Tab inserts).
 * Given `attachTo` (an item's key), files dropped, pasted or picked are uploaded to that item and
 * inserted as Markdown: images inline, anything else as a link.
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
  attachTo,
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
  /** the item files are attached to */
  attachTo?: string;
}) {
  const [preview, setPreview] = useState(false);
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [cursor, setCursor] = useState(0);
  const choices = mention && mentions ? matchMembers(mentions, mention.query) : [];
  const open = choices.length > 0;
  const files = useAttachmentUpload({ itemKey: attachTo, value, onChange, textarea });
  const picker = useRef<HTMLInputElement>(null);

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
        <div className="md-toolbar">
          <div className="md-tabs" role="tablist" aria-label={`${label}: write or preview`}>
            <button
              type="button"
              role="tab"
              aria-selected={!preview}
              aria-controls={id}
              className="md-tab"
              onClick={() => setPreview(false)}
            >
              Write
            </button>
            <button type="button" role="tab" aria-selected={preview} aria-controls={id} className="md-tab" onClick={() => setPreview(true)}>
              Preview
            </button>
          </div>
          {files.enabled && (
            <>
              <button type="button" className="md-tab md-attach" onClick={() => picker.current?.click()} disabled={disabled}>
                Attach files
              </button>
              <input
                ref={picker}
                type="file"
                multiple
                hidden
                aria-label={`Attach files to the ${label.toLowerCase()}`}
                onChange={(e) => {
                  files.attach(Array.from(e.target.files ?? []));
                  e.target.value = '';
                }}
              />
            </>
          )}
        </div>
      )}
      <div id={id} role={compact ? undefined : 'tabpanel'}>
        {preview && !compact ? (
          <div className="md-preview">{value.trim() ? <Markdown source={value} /> : <p className="faint">Nothing to preview.</p>}</div>
        ) : (
          <textarea
            ref={textarea}
            className={`input md-textarea ${files.dragging ? 'is-drop-target' : ''}`}
            aria-label={label}
            aria-autocomplete={mentions ? 'list' : undefined}
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
            {...files.handlers}
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
        {files.pending > 0 && (
          <p className="md-uploading faint" role="status">
            Uploading {files.pending === 1 ? 'a file' : `${files.pending} files`}…
          </p>
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
