import type { TItem } from '@ordo/contract';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { shortDuration, since } from '../../ui/time';
import { useFieldDraft } from './useFieldDraft';
import type { SaveItem } from './useItemSave';

const reasonOrNull = (v: string) => v.trim() || null;

/** Blocked or not, why, since when, and the time spent blocked across every blocked period. */
export function BlockedEditor({ item, canBlock, canEdit, save }: { item: TItem; canBlock: boolean; canEdit: boolean; save: SaveItem }) {
  const reason = useFieldDraft<string>(item, 'blockedReason', save, reasonOrNull);
  const total = item.blockedSeconds > 0 ? shortDuration(item.blockedSeconds * 1000) : null;
  return (
    <div className="blocked-editor">
      {canBlock ? (
        <label className="toggle">
          <input type="checkbox" checked={item.blocked} onChange={(e) => void save({ blocked: e.target.checked }, item)} />
          <span className={item.blocked ? 'blocked-text' : undefined}>
            {item.blocked ? (
              <>
                <BlockedIcon /> Blocked{item.blockedSince ? ` for ${since(item.blockedSince)}` : ''}
              </>
            ) : (
              'Not blocked'
            )}
          </span>
        </label>
      ) : (
        <span className={item.blocked ? 'blocked-text' : 'faint'}>
          {item.blocked ? (
            <>
              <BlockedIcon /> Blocked{item.blockedSince ? ` for ${since(item.blockedSince)}` : ''}
            </>
          ) : (
            'Not blocked'
          )}
        </span>
      )}
      {item.blocked &&
        (canEdit ? (
          <input
            className="input blocked-reason"
            aria-label="Blocked reason"
            placeholder="Why? (waiting on…)"
            maxLength={500}
            value={reason.editing ? (reason.draft ?? '') : (item.blockedReason ?? '')}
            onFocus={() => reason.start(item.blockedReason ?? '')}
            onChange={(e) => reason.change(e.target.value)}
            onBlur={() => void reason.commit()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void reason.commit();
              else if (e.key === 'Escape') {
                e.stopPropagation();
                reason.cancel();
                e.currentTarget.blur();
              }
            }}
          />
        ) : (
          item.blockedReason && <span className="muted">{item.blockedReason}</span>
        ))}
      {total && <span className="faint prop-note">{total} blocked in all</span>}
    </div>
  );
}
