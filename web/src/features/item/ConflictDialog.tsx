import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { describeTheirChanges, overlapping } from './conflict';
import { andList, FIELD_NAMES, formatValue, type ItemField, type Vocabulary } from './fields';
import type { Conflict } from './useItemSave';

const shown = (field: ItemField, value: unknown, words: Vocabulary) => {
  if (field === 'description') {
    const text = String(value ?? '').trim();
    return text ? (text.length > 160 ? `${text.slice(0, 158)}…` : text) : 'none';
  }
  return formatValue(field, value, words);
};

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Someone saved the item while this person was editing it: what they changed, field by field,
 * beside this person's own values, and the two honest ways out.
 */
export function ConflictDialog({
  conflict,
  itemKey,
  words,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: Conflict | null;
  itemKey: string;
  words: Vocabulary;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const clash = conflict ? overlapping(conflict.changes) : [];
  const mineFields = conflict ? (Object.keys(conflict.mine) as ItemField[]) : [];
  return (
    <Dialog
      open={!!conflict}
      onClose={onTakeTheirs}
      title={`${itemKey} changed while you were editing`}
      width={560}
      footer={
        <>
          <Button onClick={onTakeTheirs}>Take theirs</Button>
          <Button variant="primary" onClick={onKeepMine} autoFocus>
            Keep mine
          </Button>
        </>
      }
    >
      {conflict && (
        <div className="conflict" data-testid="conflict-dialog">
          <p className="conflict-summary">
            {conflict.authors
              ? conflict.changes.length
                ? describeTheirChanges(conflict.changes, conflict.authors, words)
                : 'Someone saved it without changing what you see.'
              : 'Reading who changed what…'}
          </p>
          {conflict.changes.length > 0 && (
            <table className="table conflict-table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Now</th>
                  <th scope="col">Yours</th>
                </tr>
              </thead>
              <tbody>
                {conflict.changes.map((c) => (
                  <tr key={c.field} className={'mine' in c ? 'is-clash' : undefined}>
                    <th scope="row">{capitalised(FIELD_NAMES[c.field])}</th>
                    <td>{shown(c.field, c.theirs, words)}</td>
                    <td className={'mine' in c ? 'conflict-mine' : 'faint'}>{'mine' in c ? shown(c.field, c.mine, words) : 'unchanged'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            {clash.length
              ? `Keep mine saves your ${andList(clash.map((c) => FIELD_NAMES[c.field].replace(/^the /, '')))} over theirs; their other changes stay.`
              : `Your change to ${andList(mineFields.map((f) => FIELD_NAMES[f]))} does not touch theirs: keep mine saves both.`}{' '}
            Take theirs drops your edit.
          </p>
        </div>
      )}
    </Dialog>
  );
}
