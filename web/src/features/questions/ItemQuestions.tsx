import { useQuery } from '@tanstack/react-query';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { questionsApi } from '../../api/team';
import { SkeletonRows } from '../../ui/Skeleton';
import { AskQuestion } from './AskQuestion';
import { QuestionCard } from './QuestionCard';
import './questions.css';

/** The item's questions to the owners: open ones first with how long they have waited, then answered ones. */
export function ItemQuestions({ itemKey, product, meId }: { itemKey: string; product: TProductDetail; meId?: number }) {
  const query = useQuery({ queryKey: keys.itemQuestions(itemKey), queryFn: () => questionsApi.onItem(itemKey) });
  const list = query.data?.items ?? [];
  const open = list.filter((q) => q.state === 'open').length;
  const mentions = product.members.map((m) => ({ id: m.userId, name: m.name }));
  return (
    <section className="item-section" aria-labelledby="questions-heading" id="questions">
      <h2 id="questions-heading" className="section-title">
        Questions {open > 0 && <span className="signal signal-questions">{open} open</span>}
      </h2>
      {query.isPending ? (
        <SkeletonRows count={1} height={56} />
      ) : query.isError ? (
        <p className="form-error">The questions could not be loaded: {errorMessage(query.error)}</p>
      ) : list.length === 0 ? (
        <p className="faint">No questions yet. Unsure about direction? Ask the owners here; the answer stays with the item.</p>
      ) : (
        <div className="question-list">
          {list.map((q) => (
            <QuestionCard
              key={q.id}
              question={q}
              showItem={false}
              canAnswer={can(product.role, 'question.answer') || (q.addressee?.id === meId && can(product.role, 'question.reply'))}
              canDecide={can(product.role, 'question.answer')}
              mentions={mentions}
            />
          ))}
        </div>
      )}
      {can(product.role, 'question.ask') && <AskQuestion product={product} itemKey={itemKey} meId={meId} />}
    </section>
  );
}
