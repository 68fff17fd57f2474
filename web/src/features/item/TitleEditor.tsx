import { ITEM_TITLE_MAX, type TItem } from '@ordo/contract';
import { useFieldDraft } from './useFieldDraft';
import type { SaveItem } from './useItemSave';

const trimmed = (v: string) => v.trim();

/**
 * The title, edited in place: click (or Enter on it), type, Enter saves, Esc cancels. A title
 * over the limit stays in the box with the reason until it is shortened; it is never cut.
 */
export function TitleEditor({
  item,
  canEdit,
  save,
  heading: Heading = 'h1',
}: {
  item: TItem;
  canEdit: boolean;
  save: SaveItem;
  /** h2 in the peek panel, where the page beside it has its own h1 */
  heading?: 'h1' | 'h2';
}) {
  const title = useFieldDraft<string>(item, 'title', save, trimmed);
  const length = (title.draft ?? '').trim().length;
  const tooLong = length > ITEM_TITLE_MAX;
  if (!canEdit) return <Heading className="item-title">{item.title}</Heading>;
  if (!title.editing) {
    return (
      <Heading className="item-title">
        <button type="button" className="item-title-button" title="Edit the title" onClick={() => title.start()}>
          {item.title}
        </button>
      </Heading>
    );
  }
  return (
    <div className="item-title-editing">
      <textarea
        className="item-title-input"
        aria-label="Title"
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? 'title-too-long' : undefined}
        autoFocus
        rows={1}
        value={title.draft ?? ''}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => title.change(e.target.value.replace(/\n/g, ' '))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!tooLong) void title.commit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            title.cancel();
          }
        }}
        onBlur={() => {
          if (!(title.draft ?? '').trim()) title.cancel();
          else if (!tooLong) void title.commit();
        }}
      />
      {tooLong && (
        <p id="title-too-long" className="field-error" role="alert">
          This title has {length.toLocaleString()} characters; a title can have at most {ITEM_TITLE_MAX}. Shorten it to save, or press Esc
          to keep the old one.
        </p>
      )}
      {title.changedMeanwhile && (
        <p className="item-meanwhile" role="status">
          Someone changed the title to “{item.title}” while you were typing; saving will ask which to keep.
        </p>
      )}
    </div>
  );
}
