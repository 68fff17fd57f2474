import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TCommentPage } from '@ordo/contract';
import type { TComment } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { itemPartsApi } from '../../api/itemParts';
import { keys } from '../../api/keys';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Markdown } from '../../ui/Markdown';
import { SkeletonRows } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { formatDate, since } from '../../ui/time';
import { MarkdownInput } from './MarkdownInput';
import type { Mentionable } from './mentions';

type Pages = { pages: TCommentPage[]; pageParams: unknown[] };

/** The conversation on an item, oldest first, in Markdown made safe; its author may edit or delete a comment. */
export function Comments({
  itemKey,
  meId,
  canComment,
  canModerate,
  mentions,
}: {
  itemKey: string;
  meId: number | undefined;
  canComment: boolean;
  canModerate: boolean;
  /** the members @ completes */
  mentions?: Mentionable[];
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [body, setBody] = useState('');
  const [posting, setPosting] = useState(false);
  const [composing, setComposing] = useState(false);
  const query = useInfiniteQuery({
    queryKey: keys.itemComments(itemKey),
    queryFn: ({ pageParam }) => itemPartsApi.comments(itemKey, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const comments = query.data?.pages.flatMap((p) => p.items) ?? [];

  /** Edits every loaded page, or with `lastOnly` the last one (where a new comment belongs). */
  const patch = (fn: (list: TComment[]) => TComment[], lastOnly = false) =>
    queryClient.setQueryData<Pages>(keys.itemComments(itemKey), (d) => {
      if (!d) return d;
      const last = d.pages.length - 1;
      return { ...d, pages: d.pages.map((p, i) => (lastOnly && i !== last ? p : { ...p, items: fn(p.items) })) };
    });

  const post = async () => {
    const text = body.trim();
    if (!text || posting) return;
    setPosting(true);
    try {
      const created = await itemPartsApi.addComment(itemKey, text);
      patch((list) => [...list.filter((c) => c.id !== created.id), created], true);
      setBody('');
      setComposing(false);
    } catch (e) {
      toast(`Your comment was not posted: ${errorMessage(e)}`, { kind: 'error' });
    } finally {
      setPosting(false);
    }
  };

  return (
    <section className="item-section" aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="section-title">
        Comments {comments.length > 0 && <span className="faint section-count">{comments.length}</span>}
      </h2>
      {query.isPending ? (
        <SkeletonRows count={2} height={56} />
      ) : query.isError ? (
        <p className="form-error">The comments could not be loaded: {errorMessage(query.error)}</p>
      ) : comments.length === 0 ? (
        <p className="faint">{canComment ? 'No comments yet. Ask a question or add what you know.' : 'No comments yet.'}</p>
      ) : (
        <ol className="comments">
          {comments.map((c) => (
            <CommentEntry
              key={c.id}
              comment={c}
              canEdit={c.author.id === meId && canComment}
              canDelete={(c.author.id === meId && canComment) || canModerate}
              mentions={mentions}
              onSaved={(saved) => patch((list) => list.map((x) => (x.id === saved.id ? saved : x)))}
              onDeleted={() => patch((list) => list.filter((x) => x.id !== c.id))}
            />
          ))}
        </ol>
      )}
      {query.hasNextPage && (
        <Button size="sm" variant="ghost" onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage}>
          Show later comments
        </Button>
      )}
      {canComment && (
        <div className="comment-compose">
          <MarkdownInput
            mentions={mentions}
            attachTo={itemKey}
            label="Comment"
            value={body}
            onChange={setBody}
            onSubmit={() => void post()}
            onCancel={() => {
              if (!body.trim()) setComposing(false);
            }}
            onFocus={() => setComposing(true)}
            compact={!composing && !body}
            rows={3}
            placeholder={composing ? 'Markdown; Ctrl+Enter posts' : 'Write a comment…'}
          />
          {(composing || body) && (
            <div className="row">
              <Button size="sm" variant="primary" onClick={() => void post()} busy={posting} disabled={!body.trim()}>
                Comment
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setBody('');
                  setComposing(false);
                }}
              >
                Cancel
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function CommentEntry({
  comment: c,
  canEdit,
  canDelete,
  onSaved,
  onDeleted,
  mentions,
}: {
  comment: TComment;
  mentions?: Mentionable[];
  canEdit: boolean;
  canDelete: boolean;
  onSaved: (c: TComment) => void;
  onDeleted: () => void;
}) {
  const toast = useToast();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const text = (draft ?? '').trim();
    if (!text || text === c.body) return setDraft(null);
    setBusy(true);
    try {
      onSaved(await itemPartsApi.editComment(c.id, text));
      setDraft(null);
    } catch (e) {
      toast(`Not saved: ${errorMessage(e)}`, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!window.confirm('Delete this comment?')) return;
    try {
      await itemPartsApi.deleteComment(c.id);
      onDeleted();
    } catch (e) {
      toast(`Not deleted: ${errorMessage(e)}`, { kind: 'error' });
    }
  };

  return (
    <li className="comment">
      <Avatar name={c.author.name} size={26} />
      <div className="comment-main">
        <div className="comment-head">
          <strong>{c.author.name}</strong>
          <span className="faint" title={formatDate(c.createdAt)}>
            {since(c.createdAt)} ago{c.updatedAt !== c.createdAt ? ' · edited' : ''}
          </span>
          {draft === null && (canEdit || canDelete) && (
            <span className="comment-actions">
              {canEdit && (
                <button type="button" className="link-btn" onClick={() => setDraft(c.body)}>
                  Edit
                </button>
              )}
              {canDelete && (
                <button type="button" className="link-btn" onClick={() => void remove()}>
                  Delete
                </button>
              )}
            </span>
          )}
        </div>
        {draft === null ? (
          <Markdown source={c.body} className="comment-body" />
        ) : (
          <div className="stack">
            <MarkdownInput
              mentions={mentions}
              label="Edit comment"
              value={draft}
              onChange={setDraft}
              onSubmit={() => void save()}
              onCancel={() => setDraft(null)}
              autoFocus
            />
            <div className="row">
              <Button size="sm" variant="primary" busy={busy} onClick={() => void save()}>
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </div>
          </div>
        )}
      </div>
    </li>
  );
}
