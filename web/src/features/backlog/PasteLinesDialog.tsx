import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { MAX_PASTED_ITEMS } from './titles';

/**
 * Pasted lines, offered as one item each: "Create 7 items?", the titles in the order they will
 * land, and what stops it (a line over the title limit, too many lines) said before anything is
 * created.
 */
export function PasteLinesDialog({
  titles,
  where,
  limit,
  onCreate,
  onCancel,
}: {
  titles: string[] | null;
  /** where they land: "at the top", "after PAY-12" */
  where: string;
  limit: number;
  onCreate: (titles: string[]) => void;
  onCancel: () => void;
}) {
  const list = titles ?? [];
  const long = list.flatMap((t, i) => (t.length > limit ? [{ line: i + 1, length: t.length }] : []));
  const tooMany = list.length > MAX_PASTED_ITEMS;
  const problem = tooMany
    ? `That is ${list.length} lines; a paste creates at most ${MAX_PASTED_ITEMS} items. Import a file for more.`
    : long.length
      ? `${long.length === 1 ? `Line ${long[0]!.line} has` : `Lines ${long.map((l) => l.line).join(', ')} have`} more than ${limit} characters, the longest a title can be. Shorten ${long.length === 1 ? 'it' : 'them'} and paste again.`
      : null;
  return (
    <Dialog
      open={titles !== null}
      onClose={onCancel}
      title={`Create ${list.length} items?`}
      width={520}
      footer={
        <>
          <Button onClick={onCancel}>Cancel</Button>
          <Button variant="primary" disabled={!!problem} onClick={() => onCreate(list)} autoFocus={!problem}>
            Create {list.length} items
          </Button>
        </>
      }
    >
      <p>One item per line, in this order, {where}.</p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <ol className="paste-lines" data-testid="paste-lines">
        {list.map((t, i) => (
          <li key={i} className={t.length > limit ? 'is-too-long' : undefined} title={t}>
            {t.length > limit && <span className="paste-line-length">{t.length} characters · </span>}
            {t}
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
