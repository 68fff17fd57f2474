/**
 * What waits on an item from outside the team: questions not answered yet and votes from the
 * requests linked to it. Shown only when there are some, on cards and backlog rows.
 */
export function ItemSignals({ openQuestions, votes }: { openQuestions?: number; votes?: number }) {
  if (!openQuestions && !votes) return null;
  return (
    <span className="item-signals">
      {!!openQuestions && (
        <span
          className="signal signal-questions"
          title={`${openQuestions} open question${openQuestions === 1 ? '' : 's'}`}
          aria-label={`${openQuestions} open question${openQuestions === 1 ? '' : 's'}`}
        >
          <span aria-hidden="true">?</span>
          {openQuestions}
        </span>
      )}
      {!!votes && (
        <span className="signal signal-votes" title={`${votes} vote${votes === 1 ? '' : 's'} from requests`} aria-label={`${votes} votes`}>
          <span aria-hidden="true">▲</span>
          {votes}
        </span>
      )}
    </span>
  );
}
