/** The chart kit every chart of the delivery and report pages is drawn with (uPlot underneath). */
export { Chart, type ChartOptions, type ChartProps } from './Chart';
export { ChartCard } from './ChartCard';
export { ChartMessage } from './ChartMessage';
export { ChartSkeleton } from './ChartSkeleton';
export { Legend, type LegendEntry } from './Legend';
export { Segmented } from './Segmented';
export { UnitChartCard, useUnit, type Unit } from './UnitChartCard';
export { countAxis, dayAxis, DAY_S, daySeconds, dayOfSeconds, fromZero, horizontalMarker, nearestPoint, verticalMarker } from './axes';
export { alpha, mix } from './colors';
export { drawScopeMarks, ScopeChangeList } from './scopeMarks';
export { useChartTheme, type ChartTheme } from './useChartTheme';
