import { useState } from 'react';
import type { TItem } from '@ordo/contract';
import { Button } from '../../ui/Button';
import { Markdown } from '../../ui/Markdown';
import { MarkdownInput } from './MarkdownInput';
import { useFieldDraft } from './useFieldDraft';
import type { SaveItem } from './useItemSave';

/** The description: Markdown shown safely, edited with a preview; Ctrl+Enter saves, Esc cancels an untouched edit. */
export function DescriptionEditor({ item, canEdit, save }: { item: TItem; canEdit: boolean; save: SaveItem }) {
  const description = useFieldDraft<string>(item, 'description', save);
  const [saving, setSaving] = useState(false);

  const commit = async () => {
    setSaving(true);
    await description.commit();
    setSaving(false);
  };

  if (!description.editing) {
    return (
      <section className="item-section item-description-view" aria-label="Description">
        {item.description.trim() ? (
          <Markdown source={item.description} className="item-description" />
        ) : (
          <p className="faint">{canEdit ? 'No description yet: say what is needed and why.' : 'No description.'}</p>
        )}
        {canEdit && (
          <Button
            size="sm"
            variant="ghost"
            className={item.description.trim() ? 'description-edit' : 'description-add'}
            onClick={() => description.start()}
          >
            {item.description.trim() ? 'Edit description' : 'Add a description'}
          </Button>
        )}
      </section>
    );
  }
  return (
    <section className="item-section" aria-label="Description">
      <MarkdownInput
        attachTo={item.key}
        label="Description"
        value={description.draft ?? ''}
        onChange={description.change}
        onSubmit={() => void commit()}
        onCancel={() => {
          if ((description.draft ?? '') === description.draftBase) description.cancel();
        }}
        rows={10}
        autoFocus
      />
      {description.changedMeanwhile && (
        <p className="item-meanwhile" role="status">
          Someone changed the description while you were writing; saving will show both.
        </p>
      )}
      <div className="row">
        <Button size="sm" variant="primary" busy={saving} onClick={() => void commit()}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={description.cancel}>
          Cancel
        </Button>
        <span className="faint item-hint">Markdown · Ctrl+Enter saves</span>
      </div>
    </section>
  );
}
