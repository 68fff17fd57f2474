/** Items dragged between the backlog and a sprint's or release's scope while planning. */
export const PLAN_DRAG_TYPE = 'ordo/plan-items';

export type PlanSide = 'backlog' | 'scope';

export interface PlanDragData {
  type: typeof PLAN_DRAG_TYPE;
  from: PlanSide;
  keys: string[];
}

export const isPlanDrag = (data: Record<string | symbol, unknown>): data is Record<string | symbol, unknown> & PlanDragData =>
  data.type === PLAN_DRAG_TYPE && Array.isArray(data.keys);
