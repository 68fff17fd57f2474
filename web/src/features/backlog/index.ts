/** What the board shares with the backlog: the same filters, kept in the URL, and their controls. */
export { FilterMenus, SearchBox } from './FilterControls';
export { useBacklogFilters } from './filters';
