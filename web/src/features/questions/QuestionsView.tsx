import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { keys } from '../../api/keys';
import { useMe } from '../../api/queries';
import { questionsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { since } from '../../ui/time';
import { AskQuestion } from './AskQuestion';
import { QuestionCard } from './QuestionCard';
import './questions.css';

/** A product's questions: open ones, the longest waiting first, or answered ones; and asking a new one. */
export function QuestionsView({ product }: { product: TProductDetail }) {
  const [params, setParams] = useSearchParams();
  const state = params.get('state') === 'answered' ? 'answered' : 'open';
  const me = useMe().data;
  const query = useInfiniteQuery({
    queryKey: [...keys.questions(product.key), state],
    queryFn: ({ pageParam }) => questionsApi.list(product.key, state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = query.data?.pages[0];
  const list = query.data?.pages.flatMap((p) => p.items) ?? [];
  const mentions = product.members.map((m) => ({ id: m.userId, name: m.name }));

  return (
    <div className="page team-page">
      <div className="page-header">
        <div>
          <h1>Questions</h1>
          <p className="muted">
            {first && state === 'open'
              ? first.total === 0
                ? 'Nothing waits for an answer.'
                : `${first.total} waiting for an answer${first.oldestOpenAt ? `; the oldest for ${since(first.oldestOpenAt)}` : ''}.`
              : 'What the team asked, and what the owners answered.'}
          </p>
        </div>
        <div className="segmented" role="radiogroup" aria-label="Which questions">
          {(['open', 'answered'] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={state === s}
              className={state === s ? 'is-on' : undefined}
              onClick={() => setParams(s === 'open' ? {} : { state: s }, { replace: true })}
            >
              {s === 'open' ? 'Open' : 'Answered'}
            </button>
          ))}
        </div>
      </div>
      {can(product.role, 'question.ask') && <AskQuestion product={product} meId={me?.id} />}
      {query.isPending ? (
        <SkeletonRows count={4} height={72} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title={state === 'open' ? 'No open questions' : 'No answered questions yet'}>
          {state === 'open'
            ? 'Questions the team asks about direction wait here until an owner answers. Ask one above, or on an item.'
            : 'Answers appear here; those marked as decisions also go to the decision log.'}
        </EmptyState>
      ) : (
        <div className="question-list">
          {list.map((q) => (
            <QuestionCard
              key={q.id}
              question={q}
              canAnswer={can(product.role, 'question.answer') || (q.addressee?.id === me?.id && can(product.role, 'question.reply'))}
              canDecide={can(product.role, 'question.answer')}
              mentions={mentions}
            />
          ))}
          {query.hasNextPage && (
            <Button size="sm" variant="ghost" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              Show more
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
