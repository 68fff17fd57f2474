// What other features use of the inbox: its count, for the sidebar.
export { useInboxCount } from './useInboxCount';
