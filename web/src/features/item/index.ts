/** What other features use of the item: the whole item, as the item page and the peek panel show it. */
export { ItemView } from './ItemView';
