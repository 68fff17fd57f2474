import { Link } from 'react-router';
import type { TQuestion } from '@ordo/contract';
import { Avatar } from '../../ui/Avatar';
import { Markdown } from '../../ui/Markdown';
import type { Mentionable } from '../item';
import { Age } from './Age';
import { AnswerForm } from './AnswerForm';

/** A question with who asked it, how long it has waited, what it is on, and its answer (or the form for one). */
export function QuestionCard({
  question: q,
  canAnswer,
  canDecide,
  showItem = true,
  showProduct = false,
  mentions,
}: {
  question: TQuestion;
  canAnswer: boolean;
  canDecide: boolean;
  showItem?: boolean;
  showProduct?: boolean;
  mentions?: Mentionable[];
}) {
  return (
    <article className={`question ${q.state === 'open' ? 'is-open' : ''}`} data-question={q.id}>
      <header className="question-head">
        <Avatar name={q.asker.name} size={22} />
        <span className="question-who">
          <strong>{q.asker.name}</strong> asked{q.addressee ? <> {q.addressee.name}</> : null}
          {showItem ? ' on' : ''}
        </span>
        {showItem &&
          (q.item ? (
            <Link className="question-item" to={`/p/${q.productKey}/items/${q.item.key}`}>
              <span className="mono">{q.item.key}</span> {q.item.title}
            </Link>
          ) : (
            <Link className="question-item" to={`/p/${q.productKey}/questions`}>
              {showProduct ? `${q.productKey}, the product` : 'the product'}
            </Link>
          ))}
        <span className="question-age">
          {q.state === 'open' ? <Age at={q.createdAt} prefix="waiting " warn /> : <Age at={q.createdAt} />}
        </span>
      </header>
      <Markdown source={q.body} className="question-body" />
      {q.answer ? (
        <div className="question-answer">
          <header className="question-head">
            {q.answer.by && <Avatar name={q.answer.by.name} size={20} />}
            <span className="question-who">
              <strong>{q.answer.by?.name ?? 'Someone'}</strong> answered
            </span>
            <Age at={q.answer.at} />
            {q.decisionId !== null && (
              <Link className="decision-badge" to={`/p/${q.productKey}/decisions#decision-${q.decisionId}`}>
                Decision
              </Link>
            )}
          </header>
          <Markdown source={q.answer.body} />
        </div>
      ) : canAnswer ? (
        <AnswerForm question={q} canDecide={canDecide} mentions={mentions} />
      ) : (
        <p className="faint question-waiting">
          Waiting for an answer{q.addressee ? ` from ${q.addressee.name}` : ' from the product’s owners'}.
        </p>
      )}
    </article>
  );
}
