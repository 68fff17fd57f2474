import type { TItem } from '@ordo/contract';
import type { ItemField } from './fields';
import { useFieldDraft } from './useFieldDraft';
import type { SaveItem } from './useItemSave';

const parse = (text: string): number | null => {
  const t = text.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
};

/**
 * A number of the item (estimate, a score input), saved when the field is left or Enter is
 * pressed; empty means none. Read-only people see the value as text.
 */
export function NumberField({
  item,
  field,
  label,
  save,
  canEdit,
  suffix,
  max,
}: {
  item: TItem;
  field: ItemField;
  label: string;
  save: SaveItem;
  canEdit: boolean;
  suffix?: string;
  max?: number;
}) {
  const value = item[field as keyof TItem] as number | null;
  const draft = useFieldDraft<string>(item, field, save, parse);
  if (!canEdit) {
    return <span className="prop-value">{value == null ? <span className="faint">—</span> : `${value}${suffix ? ` ${suffix}` : ''}`}</span>;
  }
  return (
    <span className="number-field">
      <input
        className="input input-number"
        type="number"
        inputMode="decimal"
        min={0}
        max={max}
        step="any"
        aria-label={label}
        placeholder="—"
        value={draft.editing ? (draft.draft ?? '') : value == null ? '' : String(value)}
        onFocus={() => draft.start(value == null ? '' : String(value))}
        onChange={(e) => {
          if (!draft.editing) draft.start(e.target.value);
          else draft.change(e.target.value);
        }}
        onBlur={() => void draft.commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void draft.commit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            draft.cancel();
            e.currentTarget.blur();
          }
        }}
      />
      {suffix && <span className="faint">{suffix}</span>}
    </span>
  );
}
