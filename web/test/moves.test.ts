import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { TItem } from '@ordo/contract';
import { ApiError } from '../src/api/client';
import { moveRows, patchRows, rowsOf, type BacklogData } from '../src/features/backlog/cache';
import { MovesInFlight, OptimisticMoves, type MoveSpec } from '../src/features/moves';
import { backlog, item, keysOf, row } from './fixtures';

/** A promise the test settles by hand, as a slow server would. */
function later<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

interface Move {
  key: string;
  toIndex: number;
  override?: boolean;
}

/** A backlog of PAY-1…PAY-4 and the backlog's moves on it, against a server the test answers by hand. */
function setup(opts: { mayOverride?: boolean } = {}) {
  const queryClient = new QueryClient();
  const listKey = ['items', 'PAY', {}];
  queryClient.setQueryData<BacklogData>(
    listKey,
    backlog([[row('PAY-1', 'a1'), row('PAY-2', 'a2'), row('PAY-3', 'a3'), row('PAY-4', 'a4')]]),
  );
  const sent: Array<{ move: Move; answer: ReturnType<typeof later<TItem>> }> = [];
  const toasts: Array<{ message: string; action?: { label: string; run: () => void } }> = [];
  let caughtUp = 0;
  const inFlight = new MovesInFlight(() => (caughtUp += 1));
  const rows = () => rowsOf(queryClient.getQueryData<BacklogData>(listKey));
  const spec: MoveSpec<Move, TItem> = {
    scope: 'backlog:PAY',
    queryKey: listKey,
    inFlight,
    keysOf: ({ key }) => [key],
    show: ({ key, toIndex }) => {
      const previous = queryClient.getQueryData<BacklogData>(listKey)!;
      if (!rowsOf(previous).some((r) => r.key === key)) return null;
      queryClient.setQueryData(listKey, moveRows(previous, [key], toIndex));
      return () => queryClient.setQueryData(listKey, previous);
    },
    send: (move) => {
      const answer = later<TItem>();
      sent.push({ move, answer });
      return answer.promise;
    },
    confirm: (saved) =>
      queryClient.setQueryData<BacklogData>(listKey, (d) => d && patchRows(d, new Set([saved.key]), (r) => ({ ...r, rank: saved.rank }))),
    refused: ({ key }) => `${key} was not moved`,
    override: (m) => (opts.mayOverride ? { ...m, override: true } : null),
  };
  const moves = new OptimisticMoves(queryClient, spec, (message, o) => toasts.push({ message, action: o.action }));
  return { queryClient, listKey, moves, sent, toasts, rows, inFlight, caughtUp: () => caughtUp };
}

describe('optimistic moves (board and backlog)', () => {
  it('shows a moved row between its new neighbours at once, with a rank between theirs, and takes the server’s rank when it answers', async () => {
    const s = setup();
    s.moves.move({ key: 'PAY-4', toIndex: 1 });
    expect(keysOf(s.rows())).toEqual(['PAY-1', 'PAY-4', 'PAY-2', 'PAY-3']);
    const provisional = s.rows()[1]!.rank;
    expect(provisional > 'a1' && provisional < 'a2').toBe(true);

    await tick();
    expect(s.sent).toHaveLength(1);
    s.sent[0]!.answer.resolve(item('PAY-4', 'a1V'));
    await tick();
    expect(s.rows()[1]).toMatchObject({ key: 'PAY-4', rank: 'a1V' });
  });

  it('counts each of several moves made before a render, and sends them one after another in the order made', async () => {
    const s = setup();
    // Alt+↑ three times, faster than the server answers: each acts on the order the last one left.
    for (let i = 0; i < 3; i++) {
      const index = keysOf(s.rows()).indexOf('PAY-4');
      s.moves.move({ key: 'PAY-4', toIndex: index - 1 });
    }
    expect(keysOf(s.rows())).toEqual(['PAY-4', 'PAY-1', 'PAY-2', 'PAY-3']);
    await tick();
    expect(s.sent.map((x) => x.move.toIndex)).toEqual([2]);
    s.sent[0]!.answer.resolve(item('PAY-4', 'a2V'));
    await tick();
    expect(s.sent.map((x) => x.move.toIndex)).toEqual([2, 1]);
    s.sent[1]!.answer.resolve(item('PAY-4', 'a1V'));
    await tick();
    s.sent[2]!.answer.resolve(item('PAY-4', 'a0V'));
    await tick();
    expect(s.sent.map((x) => x.move.toIndex)).toEqual([2, 1, 0]);
    expect(keysOf(s.rows())).toEqual(['PAY-4', 'PAY-1', 'PAY-2', 'PAY-3']);
  });

  it('does not let a reload that started before the move put the row back, and reloads again once the move has settled', async () => {
    const s = setup();
    const stale = later<BacklogData>();
    const before = s.queryClient.getQueryData<BacklogData>(s.listKey)!;
    s.queryClient.fetchQuery({ queryKey: s.listKey, queryFn: () => stale.promise, staleTime: 0 }).catch(() => {});
    expect(s.queryClient.isFetching({ queryKey: s.listKey })).toBe(1);

    s.moves.move({ key: 'PAY-3', toIndex: 0 });
    // The reload read the order before the move; it lands now.
    stale.resolve(before);
    await tick();
    expect(keysOf(s.rows())).toEqual(['PAY-3', 'PAY-1', 'PAY-2', 'PAY-4']);
    expect(s.caughtUp()).toBe(0);

    s.sent[0]!.answer.resolve(item('PAY-3', 'a0V'));
    await tick();
    expect(keysOf(s.rows())).toEqual(['PAY-3', 'PAY-1', 'PAY-2', 'PAY-4']);
    expect(s.caughtUp()).toBe(1);
  });

  it('holds events about a moved item back until the server has answered', async () => {
    const s = setup();
    s.moves.move({ key: 'PAY-2', toIndex: 3 });
    expect(s.inFlight.has('PAY-2')).toBe(true);
    expect(s.inFlight.has('PAY-1')).toBe(false);
    // Someone else's change meanwhile: the view catches up once, after the move.
    s.inFlight.catchUpLater();
    s.inFlight.catchUpLater();
    expect(s.caughtUp()).toBe(0);
    await tick();
    s.sent[0]!.answer.resolve(item('PAY-2', 'a5'));
    await tick();
    expect(s.inFlight.has('PAY-2')).toBe(false);
    expect(s.caughtUp()).toBe(1);
  });

  it('puts a refused move back with the reason, and offers “Move anyway” to someone who may override a rule', async () => {
    const s = setup({ mayOverride: true });
    s.moves.move({ key: 'PAY-1', toIndex: 2 });
    await tick();
    s.sent[0]!.answer.reject(new ApiError(422, 'rule_violation', 'Review is at its WIP limit of 1'));
    await tick();
    expect(keysOf(s.rows())).toEqual(['PAY-1', 'PAY-2', 'PAY-3', 'PAY-4']);
    expect(s.toasts).toHaveLength(1);
    expect(s.toasts[0]!.message).toBe('PAY-1 was not moved: Review is at its WIP limit of 1');
    expect(s.toasts[0]!.action?.label).toBe('Move anyway');

    s.toasts[0]!.action!.run();
    expect(keysOf(s.rows())).toEqual(['PAY-2', 'PAY-3', 'PAY-1', 'PAY-4']);
    await tick();
    expect(s.sent[1]!.move).toEqual({ key: 'PAY-1', toIndex: 2, override: true });
  });

  it('offers no “Move anyway” to someone who may not override, nor when the refusal was not a rule', async () => {
    const developer = setup({ mayOverride: false });
    developer.moves.move({ key: 'PAY-1', toIndex: 2 });
    await tick();
    developer.sent[0]!.answer.reject(new ApiError(422, 'rule_violation', 'Review is at its WIP limit of 1'));
    await tick();
    expect(developer.toasts[0]).toEqual({ message: 'PAY-1 was not moved: Review is at its WIP limit of 1', action: undefined });

    const owner = setup({ mayOverride: true });
    owner.moves.move({ key: 'PAY-1', toIndex: 2 });
    await tick();
    owner.sent[0]!.answer.reject(new ApiError(409, 'conflict', 'PAY-2 moved meanwhile'));
    await tick();
    expect(owner.toasts[0]).toEqual({ message: 'PAY-1 was not moved: PAY-2 moved meanwhile', action: undefined });
    expect(keysOf(owner.rows())).toEqual(['PAY-1', 'PAY-2', 'PAY-3', 'PAY-4']);
  });

  it('sends nothing when there is nothing to move', async () => {
    const s = setup();
    expect(s.moves.move({ key: 'PAY-99', toIndex: 0 })).toBe(false);
    await tick();
    expect(s.sent).toHaveLength(0);
    expect(s.inFlight.busy).toBe(false);
  });
});
