import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: ReactNode;
  /** text the filter box matches; defaults to the label when it is a string */
  text?: string;
  icon?: ReactNode;
  checked?: boolean;
  disabled?: boolean;
  danger?: boolean;
}

interface MenuProps {
  /** what the trigger button shows */
  label: ReactNode;
  items: MenuItem[];
  onSelect: (id: string) => void;
  /** several choices stay open for more (filters); otherwise a choice closes the menu */
  multiple?: boolean;
  /** the trigger shows as set (a filter in use) */
  active?: boolean;
  align?: 'start' | 'end';
  /** open upwards, for menus near the bottom of the screen (the bulk bar) */
  above?: boolean;
  triggerClassName?: string;
  ariaLabel?: string;
  /** shown when there is nothing to choose */
  emptyText?: string;
  disabled?: boolean;
  /** offers what was typed in the filter box as a new choice, when no choice is named so: "Add label “x”" */
  create?: { label: (text: string) => ReactNode; onCreate: (text: string) => void };
}

const CREATE_ID = 'menu-create-new';

/**
 * A button that opens a list of choices: arrows move, Enter or Space choose, Esc closes, typing
 * in the filter box narrows long lists.
 */
export function Menu({
  label,
  items,
  onSelect,
  multiple,
  active,
  align = 'start',
  above,
  triggerClassName,
  ariaLabel,
  emptyText,
  disabled,
  create,
}: MenuProps) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [cursor, setCursor] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();
  const filterable = items.length > 8 || !!create;

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return items;
    const textOf = (i: MenuItem) => (i.text ?? (typeof i.label === 'string' ? i.label : '')).toLowerCase();
    const matching = items.filter((i) => textOf(i).includes(f));
    if (create && !items.some((i) => textOf(i) === f)) matching.push({ id: CREATE_ID, label: create.label(filter.trim()) });
    return matching;
  }, [items, filter, create]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  useEffect(() => {
    if (open) {
      setCursor(
        Math.max(
          0,
          shown.findIndex((i) => !i.disabled),
        ),
      );
      if (!filterable) list.current?.focus();
    } else setFilter('');
    // Only when opening; the cursor follows keys after that.
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const choose = (item: MenuItem | undefined) => {
    if (!item || item.disabled) return;
    if (item.id === CREATE_ID) {
      create?.onCreate(filter.trim());
      setFilter('');
    } else onSelect(item.id);
    if (!multiple) close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setCursor((c) => Math.min(shown.length - 1, c + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setCursor((c) => Math.max(0, c - 1));
    } else if (e.key === 'Enter' || (e.key === ' ' && !filterable)) {
      e.preventDefault();
      choose(shown[cursor]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="menu" ref={root}>
      <button
        ref={trigger}
        type="button"
        className={['menu-trigger', active ? 'is-active' : '', triggerClassName ?? ''].join(' ')}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label}
        <span className="menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className={`menu-popover align-${align} ${above ? 'is-above' : ''}`} onKeyDown={onKeyDown}>
          {filterable && (
            <input
              className="menu-filter"
              autoFocus
              placeholder={create ? 'Filter or add…' : 'Filter…'}
              value={filter}
              aria-controls={id}
              onChange={(e) => {
                setFilter(e.target.value);
                setCursor(0);
              }}
            />
          )}
          <div
            ref={list}
            id={id}
            role="listbox"
            aria-multiselectable={multiple || undefined}
            tabIndex={-1}
            className="menu-list"
            aria-activedescendant={shown[cursor] ? `${id}-${shown[cursor]!.id}` : undefined}
          >
            {shown.length === 0 && <div className="menu-empty">{emptyText ?? 'Nothing to choose'}</div>}
            {shown.map((item, i) => (
              <div
                key={item.id}
                id={`${id}-${item.id}`}
                role="option"
                aria-selected={item.checked ?? false}
                aria-disabled={item.disabled || undefined}
                className={[
                  'menu-item',
                  i === cursor ? 'is-cursor' : '',
                  item.danger ? 'is-danger' : '',
                  item.disabled ? 'is-disabled' : '',
                ].join(' ')}
                onMouseEnter={() => setCursor(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(item)}
              >
                {item.checked !== undefined && (
                  <span className={`menu-check ${item.checked ? 'is-checked' : ''}`} aria-hidden="true">
                    {item.checked ? '✓' : ''}
                  </span>
                )}
                {item.icon}
                <span className="menu-label">{item.label}</span>
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
