import { useEffect, useMemo, useState } from 'react';
import type { StateCategory } from '@ordo/domain/workflow';
import type { ItemType } from '@ordo/contract';

/** The design tokens a canvas needs, read from the CSS variables of the current theme. */
export interface ChartTheme {
  dark: boolean;
  font: string;
  bg: string;
  text: string;
  muted: string;
  faint: string;
  grid: string;
  border: string;
  accent: string;
  danger: string;
  warning: string;
  success: string;
  state: Record<StateCategory, string>;
  type: Record<ItemType, string>;
}

const DARK = '(prefers-color-scheme: dark)';

function readTheme(dark: boolean): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim() || '#888888';
  const family = v('--font');
  return {
    dark,
    font: `11px ${family}`,
    bg: v('--bg'),
    text: v('--text'),
    muted: v('--text-muted'),
    faint: v('--text-faint'),
    grid: v('--border'),
    border: v('--border-strong'),
    accent: v('--accent'),
    danger: v('--danger'),
    warning: v('--warning'),
    success: v('--success'),
    state: { backlog: v('--state-backlog'), todo: v('--state-todo'), in_progress: v('--state-in_progress'), done: v('--state-done') },
    type: { epic: v('--type-epic'), story: v('--type-story'), bug: v('--type-bug'), task: v('--type-task'), spike: v('--type-spike') },
  };
}

/** The chart colours of the theme on screen; a new object when the system switches light/dark. */
export function useChartTheme(): ChartTheme {
  const [dark, setDark] = useState(() => matchMedia(DARK).matches);
  useEffect(() => {
    const query = matchMedia(DARK);
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return useMemo(() => readTheme(dark), [dark]);
}
