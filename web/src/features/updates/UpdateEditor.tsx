import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TProductDetail, TStatusUpdate } from '@ordo/contract';
import type { Health } from '@ordo/domain/status-update';
import { isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { updatesApi } from '../../api/reporting';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Markdown } from '../../ui/Markdown';
import { SkeletonRows } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { HealthPicker } from './HealthPicker';
import './updates.css';

/** Edits are saved this long after the last keystroke, so a reload loses nothing. */
const SAVE_AFTER_MS = 800;

type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

/**
 * The draft status update: Markdown on the left, the preview beside it (below on a phone), the
 * health with Ordo's suggestion and why, and publish. Edits save themselves at the version read;
 * when someone else saved meanwhile, the editor says so and offers their version.
 */
export function UpdateEditor({ product }: { product: TProductDetail }) {
  const draft = useQuery({
    queryKey: keys.updateDraft(product.key),
    queryFn: () => updatesApi.draft(product.key),
    // Opened afresh on every visit and forgotten on leaving: after a publish, opening the draft
    // again makes a new one, so nothing may refetch it behind the editor's back.
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  if (draft.isPending) return <SkeletonRows count={6} height={48} />;
  if (draft.isError) return <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />;
  return <DraftForm key={draft.data.id} product={product} initial={draft.data} />;
}

function DraftForm({ product, initial }: { product: TProductDetail; initial: TStatusUpdate }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [body, setBody] = useState(initial.body);
  const [health, setHealth] = useState<Health | null>(initial.health);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [theirs, setTheirs] = useState<TStatusUpdate | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const version = useRef(initial.version);
  const saved = useRef({ body: initial.body, health: initial.health });

  const save = useMutation({
    mutationFn: (edit: { body: string; health: Health | null }) =>
      updatesApi.editDraft(product.key, {
        version: version.current,
        ...(edit.body !== saved.current.body && edit.body.trim() ? { body: edit.body } : {}),
        ...(edit.health && edit.health !== saved.current.health ? { health: edit.health } : {}),
      }),
    onMutate: () => setSaveState('saving'),
    onSuccess: (d) => {
      version.current = d.version;
      saved.current = { body: d.body, health: d.health };
      const caughtUp = d.body === bodyRef.current && d.health === healthRef.current;
      setSaveState(caughtUp ? 'saved' : 'dirty');
      // Typed on while this save was under way: save that too, at the new version.
      if (!caughtUp && bodyRef.current.trim()) saveAgain.current();
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 409) {
        setTheirs(e.current as TStatusUpdate);
        setSaveState('conflict');
      } else setSaveState('error');
    },
  });

  // The latest values for the save's callbacks.
  const bodyRef = useRef(body);
  const healthRef = useRef(health);
  bodyRef.current = body;
  healthRef.current = health;
  const saveAgain = useRef(() => {});
  saveAgain.current = () => save.mutate({ body: bodyRef.current, health: healthRef.current });

  useEffect(() => {
    if (saveState === 'conflict' || save.isPending) return;
    if (body === saved.current.body && health === saved.current.health) return;
    if (!body.trim() && health === saved.current.health) return;
    setSaveState('dirty');
    const t = setTimeout(() => save.mutate({ body, health }), SAVE_AFTER_MS);
    return () => clearTimeout(t);
  }, [body, health]);

  const publish = useMutation({
    mutationFn: () => updatesApi.publish(product.key, { version: version.current, body, ...(health ? { health } : {}) }),
    onSuccess: (published) => {
      void queryClient.invalidateQueries({ queryKey: keys.updates(product.key), exact: true });
      toast('Status update published; the product’s people have been told.', { kind: 'success' });
      navigate(`/p/${product.key}/updates/${published.id}`);
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 409) {
        setTheirs(e.current as TStatusUpdate);
        setSaveState('conflict');
      } else if (isApiError(e) && e.status === 400) setFieldErrors(e.fields);
      else toast(e instanceof Error ? e.message : 'Publishing failed', { kind: 'error' });
    },
  });

  const takeTheirs = () => {
    if (!theirs) return;
    version.current = theirs.version;
    saved.current = { body: theirs.body, health: theirs.health };
    setBody(theirs.body);
    setHealth(theirs.health);
    setTheirs(null);
    setSaveState('saved');
  };

  const status: Record<SaveState, string> = {
    saved: 'Draft saved',
    dirty: 'Unsaved changes…',
    saving: 'Saving…',
    conflict: 'Someone else saved this draft',
    error: 'Not saved: check your connection',
  };

  return (
    <div className="page update-editor">
      <div className="page-header">
        <div>
          <h1>Draft status update</h1>
          <p className="muted">
            Written by Ordo from the data since {new Date(initial.since).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}.
            Edit it freely; only what you publish is shared.
          </p>
        </div>
        <Link to={`/p/${product.key}/updates`} className="btn btn-ghost">
          Back to updates
        </Link>
      </div>
      {theirs && (
        <div className="update-conflict" role="alert">
          <span>
            {theirs.author?.name ?? 'Someone'} saved a different version while you were writing. Take theirs (your edits here are lost) or
            copy yours first.
          </span>
          <Button size="sm" onClick={takeTheirs}>
            Load their version
          </Button>
        </div>
      )}
      <div className="update-panes">
        <div className="update-pane">
          <label htmlFor="update-body" className="update-pane-label">
            Markdown
          </label>
          <textarea
            id="update-body"
            className="input update-textarea"
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              setFieldErrors({});
            }}
            aria-invalid={!!fieldErrors.body || undefined}
            spellCheck
          />
          {fieldErrors.body && <p className="field-error">{fieldErrors.body}</p>}
        </div>
        <div className="update-pane">
          <span className="update-pane-label">Preview</span>
          <div className="update-preview" aria-label="Preview" data-testid="update-preview">
            {body.trim() ? <Markdown source={body} /> : <p className="faint">Nothing to preview yet.</p>}
          </div>
        </div>
      </div>
      <div className="update-footer">
        <HealthPicker
          value={health}
          onChange={(h) => {
            setHealth(h);
            setFieldErrors({});
          }}
          suggestion={initial.suggestion}
          error={fieldErrors.health}
        />
        <div className="update-actions">
          <span className={`update-save-state is-${saveState}`} role="status" data-testid="save-state">
            {status[saveState]}
          </span>
          <Button
            variant="primary"
            busy={publish.isPending}
            disabled={saveState === 'conflict' || saveState === 'saving' || !body.trim() || !health}
            onClick={() => publish.mutate()}
          >
            Publish
          </Button>
        </div>
        {!health && <p className="faint update-hint">Choose a health to publish.</p>}
      </div>
    </div>
  );
}
