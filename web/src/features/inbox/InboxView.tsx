import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TRequest } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import type { Role } from '@ordo/domain/roles';
import { keys } from '../../api/keys';
import { notificationsApi } from '../../api/notifications';
import { useMe } from '../../api/queries';
import { inboxApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { NotificationRow } from '../notifications';
import { useMarkRead } from '../notifications';
import { QuestionCard } from '../questions';
import { RequestCard } from '../requests';
import { TriageDialog } from '../requests';
import '../notifications';
import '../questions';
import '../requests';
import './inbox.css';

/**
 * What waits for the signed-in person across their products: questions to answer (the longest
 * waiting first, with their age, item and asker), requests to triage (oldest first), and mentions
 * not read yet. Answering, triaging and reading happen right here.
 */
export function InboxView() {
  const me = useMe().data;
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const [triaging, setTriaging] = useState<TRequest | null>(null);
  const roleOf = (productKey: string): Role | null =>
    me?.isAdmin ? 'admin' : ((me?.products.find((p) => p.key === productKey)?.role as Role) ?? null);
  const questions = useInfiniteQuery({
    queryKey: [...keys.inbox, 'questions'],
    queryFn: ({ pageParam }) => inboxApi.questions(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const requests = useInfiniteQuery({
    queryKey: [...keys.inbox, 'requests'],
    queryFn: ({ pageParam }) => inboxApi.requests(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const mentions = useQuery({
    queryKey: [...keys.inbox, 'mentions'],
    queryFn: () => notificationsApi.list({ unread: true, kind: ['mention'], limit: 50 }),
  });
  const questionList = questions.data?.pages.flatMap((p) => p.items) ?? [];
  const requestList = requests.data?.pages.flatMap((p) => p.items) ?? [];
  const mentionList = mentions.data?.items ?? [];
  const loading = questions.isPending || requests.isPending || mentions.isPending;
  const failed = questions.error ?? requests.error ?? mentions.error;
  const nothing = !loading && !failed && questionList.length + requestList.length + mentionList.length === 0;

  return (
    <div className="page team-page inbox">
      <div className="page-header">
        <div>
          <h1>Inbox</h1>
          <p className="muted">Questions waiting for your answer, requests to triage and mentions, across your products.</p>
        </div>
      </div>
      {loading ? (
        <SkeletonRows count={6} height={72} />
      ) : failed ? (
        <ErrorState error={failed} onRetry={() => [questions, requests, mentions].forEach((q) => void q.refetch())} />
      ) : nothing ? (
        <EmptyState title="Nothing waits for you">
          Questions the team asks you, new requests on products you own and mentions of you arrive here. Enjoy the quiet.
        </EmptyState>
      ) : (
        <>
          <section className="inbox-section" aria-labelledby="inbox-questions">
            <h2 id="inbox-questions" className="inbox-heading">
              Questions waiting for you <span className="faint">{questions.data?.pages[0]?.total ?? 0}</span>
            </h2>
            {questionList.length === 0 ? (
              <p className="faint">No question waits for your answer.</p>
            ) : (
              <div className="question-list">
                {questionList.map((q) => {
                  const role = roleOf(q.productKey);
                  return (
                    <QuestionCard
                      key={q.id}
                      question={q}
                      showProduct
                      canAnswer={can(role, 'question.answer') || (q.addressee?.id === me?.id && can(role, 'question.reply'))}
                      canDecide={can(role, 'question.answer')}
                    />
                  );
                })}
                {questions.hasNextPage && (
                  <Button size="sm" variant="ghost" busy={questions.isFetchingNextPage} onClick={() => void questions.fetchNextPage()}>
                    Show more questions
                  </Button>
                )}
              </div>
            )}
          </section>
          <section className="inbox-section" aria-labelledby="inbox-requests">
            <h2 id="inbox-requests" className="inbox-heading">
              Requests to triage <span className="faint">{requests.data?.pages[0]?.total ?? 0}</span>
            </h2>
            {requestList.length === 0 ? (
              <p className="faint">No new request on the products you own.</p>
            ) : (
              <div className="request-list">
                {requestList.map((r) => (
                  <RequestCard
                    key={r.id}
                    request={r}
                    showProduct
                    canVote={can(roleOf(r.productKey), 'request.vote')}
                    canTriage={can(roleOf(r.productKey), 'request.triage')}
                    onTriage={setTriaging}
                  />
                ))}
                {requests.hasNextPage && (
                  <Button size="sm" variant="ghost" busy={requests.isFetchingNextPage} onClick={() => void requests.fetchNextPage()}>
                    Show more requests
                  </Button>
                )}
              </div>
            )}
          </section>
          <section className="inbox-section" aria-labelledby="inbox-mentions">
            <h2 id="inbox-mentions" className="inbox-heading">
              Mentions <span className="faint">{mentions.data?.items.length ?? 0}</span>
              {mentionList.length > 0 && (
                <Button size="sm" variant="ghost" onClick={() => markRead.mutate(mentionList.map((n) => n.id))}>
                  Mark all read
                </Button>
              )}
            </h2>
            {mentionList.length === 0 ? (
              <p className="faint">No unread mentions.</p>
            ) : (
              <ul className="inbox-mentions">
                {mentionList.map((n) => (
                  <NotificationRow
                    key={n.id}
                    notification={n}
                    onOpen={() => {
                      markRead.mutate([n.id]);
                      navigate(n.link);
                    }}
                    onMarkRead={() => markRead.mutate([n.id])}
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <TriageDialog request={triaging} onClose={() => setTriaging(null)} />
    </div>
  );
}
