import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TQuestion } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { questionsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { useToast } from '../../ui/Toast';
import { MarkdownInput } from '../item';
import type { Mentionable } from '../item';
import { useRefreshTeamLists } from './useTeamMutations';

/** Answering a question in place; owners may mark the answer a decision, replacing an earlier one. */
export function AnswerForm({
  question,
  canDecide,
  mentions,
  onAnswered,
}: {
  question: TQuestion;
  canDecide: boolean;
  mentions?: Mentionable[];
  onAnswered?: (q: TQuestion) => void;
}) {
  const toast = useToast();
  const refresh = useRefreshTeamLists();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [decision, setDecision] = useState(false);
  const [supersedes, setSupersedes] = useState<number | ''>('');
  const current = useQuery({
    queryKey: [...keys.decisions(question.productKey), 'current'],
    queryFn: () => questionsApi.decisions(question.productKey),
    enabled: decision,
  });
  const answer = useMutation({
    mutationFn: () =>
      questionsApi.answer(question.id, {
        body: body.trim(),
        decision: decision || undefined,
        supersedes: decision && supersedes ? supersedes : undefined,
      }),
    onSuccess: (answered) => {
      toast(decision ? 'Answered, and recorded in the decision log' : 'Answered', { kind: 'success' });
      setOpen(false);
      setBody('');
      refresh(question.productKey, question.item?.key);
      onAnswered?.(answered);
    },
    onError: (e) => toast(`Not answered: ${errorMessage(e)}`, { kind: 'error' }),
  });

  if (!open)
    return (
      <div className="answer-open">
        <Button size="sm" onClick={() => setOpen(true)}>
          Answer
        </Button>
      </div>
    );
  const submit = () => {
    if (body.trim() && !answer.isPending) answer.mutate();
  };
  return (
    <div className="answer-form">
      <MarkdownInput
        label={`Answer to ${question.asker.name}`}
        value={body}
        onChange={setBody}
        onSubmit={submit}
        onCancel={() => setOpen(false)}
        mentions={mentions}
        rows={3}
        autoFocus
        placeholder="Your answer (Markdown); Ctrl+Enter sends"
      />
      {canDecide && (
        <div className="answer-decision">
          <label className="check">
            <input type="checkbox" checked={decision} onChange={(e) => setDecision(e.target.checked)} />
            Mark as decision <span className="faint">— adds it to the product’s decision log</span>
          </label>
          {decision && (current.data?.items.some((d) => !d.supersededBy) ?? false) && (
            <label className="answer-supersedes">
              <span className="faint">Replaces</span>
              <select className="select" value={supersedes} onChange={(e) => setSupersedes(e.target.value ? Number(e.target.value) : '')}>
                <option value="">no earlier decision</option>
                {current
                  .data!.items.filter((d) => !d.supersededBy)
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
              </select>
            </label>
          )}
        </div>
      )}
      <div className="row">
        <Button size="sm" variant="primary" busy={answer.isPending} disabled={!body.trim()} onClick={submit}>
          {decision ? 'Answer and record decision' : 'Send answer'}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
