/** What a release page shares with a sprint page: planning its scope and showing its progress. */
export { ProgressMeter } from './ProgressMeter';
export { ScopeList } from './ScopeList';
export { ScopePlanner } from './ScopePlanner';
