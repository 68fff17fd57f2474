/** Planning a sprint's or a release's scope, and its progress: shared by the sprint and release pages. */
export { ProgressMeter } from './ProgressMeter';
export { ScopeList } from './ScopeList';
export { ScopePlanner } from './ScopePlanner';
