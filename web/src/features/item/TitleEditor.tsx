import type { TItem } from '@ordo/contract';
import { useFieldDraft } from './useFieldDraft';
import type { SaveItem } from './useItemSave';

const trimmed = (v: string) => v.trim();

/** The title, edited in place: click (or Enter on it), type, Enter saves, Esc cancels. */
export function TitleEditor({ item, canEdit, save }: { item: TItem; canEdit: boolean; save: SaveItem }) {
  const title = useFieldDraft<string>(item, 'title', save, trimmed);
  if (!canEdit) return <h1 className="item-title">{item.title}</h1>;
  if (!title.editing) {
    return (
      <h1 className="item-title">
        <button type="button" className="item-title-button" title="Edit the title" onClick={() => title.start()}>
          {item.title}
        </button>
      </h1>
    );
  }
  return (
    <div className="item-title-editing">
      <textarea
        className="item-title-input"
        aria-label="Title"
        autoFocus
        rows={1}
        value={title.draft ?? ''}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => title.change(e.target.value.replace(/\n/g, ' '))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void title.commit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            title.cancel();
          }
        }}
        onBlur={() => {
          if (!(title.draft ?? '').trim()) title.cancel();
          else void title.commit();
        }}
      />
      {title.changedMeanwhile && (
        <p className="item-meanwhile" role="status">
          Someone changed the title to “{item.title}” while you were typing; saving will ask which to keep.
        </p>
      )}
    </div>
  );
}
