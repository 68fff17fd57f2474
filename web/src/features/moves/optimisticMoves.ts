import type { MutationOptions, QueryClient, QueryKey } from '@tanstack/react-query';
import { errorMessage, isApiError } from '../../api/client';
import type { MovesInFlight } from './inFlight';

/** How a toast offers a way out: "Move anyway". */
export type Notify = (message: string, options: { kind: 'error'; action?: { label: string; run: () => void } }) => void;

export interface MoveSpec<V, R> {
  /** one queue per view: its moves reach the server one after another, in the order they were made */
  scope: string;
  /** the cached query the move shows in */
  queryKey: QueryKey;
  inFlight: MovesInFlight;
  /** the items the move is about; events about them are held back until it settles */
  keysOf: (move: V) => readonly string[];
  /**
   * Shows the move in the cache now (a row between its new neighbours, with a provisional rank) and
   * returns how to take it back; null when there is nothing to move.
   */
  show: (move: V) => (() => void) | null;
  send: (move: V) => Promise<R>;
  /** puts the server's answer (the real rank, the new version) in place of what was shown */
  confirm: (answer: R, move: V) => void;
  /** the start of the refusal's toast: "PAY-4 was not moved" */
  refused: (move: V) => string;
  /** the same move with the workflow's rules overridden, for people who may; null or absent when they may not */
  override?: (move: V) => V | null;
}

interface Sent<V> {
  move: V;
  keys: readonly string[];
  undo: () => void;
}

/**
 * One way to move rows on a cached list, for the board and the backlog: the move shows at once,
 * a fetch of the list already under way is cancelled (it read the order before the move and would
 * put the row back; the view catches up after), events about the moved items wait, the request
 * joins the view's queue, the server's answer confirms it, and a refusal puts the row back with
 * the reason — and "Move anyway" when a rule refused it and this person may override.
 *
 * Everything before the request happens synchronously, so keys pressed faster than React renders
 * each act on the order the previous one left.
 */
export class OptimisticMoves<V, R> {
  private readonly options: MutationOptions<R, unknown, Sent<V>>;
  /** fixed for the instance's life: another view (another product) gets another instance */
  readonly scope: string;
  readonly inFlight: MovesInFlight;

  constructor(
    private readonly queryClient: QueryClient,
    private spec: MoveSpec<V, R>,
    private notify: Notify,
  ) {
    this.scope = spec.scope;
    const inFlight = (this.inFlight = spec.inFlight);
    this.options = queryClient.defaultMutationOptions<MutationOptions<R, unknown, Sent<V>>>({
      scope: { id: spec.scope },
      mutationFn: ({ move }) => this.spec.send(move),
      onSuccess: (answer, { move }) => this.spec.confirm(answer, move),
      onError: (error, { move, undo }) => {
        undo();
        const again = isApiError(error) && error.code === 'rule_violation' ? (this.spec.override?.(move) ?? null) : null;
        this.notify(`${this.spec.refused(move)}: ${errorMessage(error)}`, {
          kind: 'error',
          action: again ? { label: 'Move anyway', run: () => this.move(again) } : undefined,
        });
      },
      onSettled: (_answer, _error, { keys }) => inFlight.release(keys),
    });
  }

  /** Keeps the callbacks current (a view re-renders with new filters, a new role); the queue and what is in flight stay. */
  update(spec: MoveSpec<V, R>, notify: Notify): void {
    this.spec = spec;
    this.notify = notify;
  }

  /** Shows the move now and sends it; returns false when there was nothing to move. */
  move(move: V): boolean {
    const { queryKey } = this.spec;
    const inFlight = this.inFlight;
    const fetching = this.queryClient.isFetching({ queryKey, exact: true }) > 0;
    const undo = this.spec.show(move);
    if (!undo) return false;
    const keys = this.spec.keysOf(move);
    inFlight.hold(keys);
    if (fetching) {
      // Cancelled after the edit: a cancelled fetch restores the data as last set, which is the move's.
      void this.queryClient.cancelQueries({ queryKey, exact: true });
      inFlight.catchUpLater();
    }
    // Built on the mutation cache as useMutation does, so the queue and the app's 401 handling apply.
    const mutation = this.queryClient.getMutationCache().build(this.queryClient, this.options);
    mutation.execute({ move, keys, undo }).catch(() => {
      // Refusals are handled in onError; the rejected promise has nothing more to say.
    });
    return true;
  }
}
