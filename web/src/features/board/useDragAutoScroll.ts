import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useEffect, type RefObject } from 'react';
import { CARD_DRAG } from './BoardCard';

/** How close to an edge a dragged card starts scrolling, and how fast at most (px per frame). */
const ZONE = 60;
const MAX_STEP = 20;

const step = (distance: number) => Math.ceil(MAX_STEP * (1 - Math.max(0, distance) / ZONE));

/**
 * While a card is dragged near an edge, scrolls the board sideways and the column (or, with
 * swimlanes, the whole board) up or down, so any place on a long board can be reached.
 */
export function useDragAutoScroll(board: RefObject<HTMLElement | null>) {
  useEffect(() => {
    let pointer: { x: number; y: number } | null = null;
    let frame = 0;
    const tick = () => {
      const el = board.current;
      if (el && pointer) {
        const rect = el.getBoundingClientRect();
        if (pointer.x - rect.left < ZONE) el.scrollLeft -= step(pointer.x - rect.left);
        else if (rect.right - pointer.x < ZONE) el.scrollLeft += step(rect.right - pointer.x);
        const under = document.elementFromPoint(pointer.x, pointer.y)?.closest<HTMLElement>('.board-cell');
        const vertical = under && under.scrollHeight > under.clientHeight ? under : el;
        const v = vertical.getBoundingClientRect();
        if (pointer.y - v.top < ZONE) vertical.scrollTop -= step(pointer.y - v.top);
        else if (v.bottom - pointer.y < ZONE) vertical.scrollTop += step(v.bottom - pointer.y);
      }
      frame = requestAnimationFrame(tick);
    };
    return monitorForElements({
      canMonitor: ({ source }) => source.data.type === CARD_DRAG,
      onDragStart: ({ location }) => {
        pointer = { x: location.current.input.clientX, y: location.current.input.clientY };
        frame = requestAnimationFrame(tick);
      },
      onDrag: ({ location }) => {
        pointer = { x: location.current.input.clientX, y: location.current.input.clientY };
      },
      onDrop: () => {
        cancelAnimationFrame(frame);
        pointer = null;
      },
    });
  }, [board]);
}
