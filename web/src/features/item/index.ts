// What other features use of the item feature: the Markdown editor with @mention completion.
export { MarkdownInput } from './MarkdownInput';
export { insertMention, matchMembers, mentionAt, type Mentionable } from './mentions';
// The whole item, as the item page and the peek panel show it.
export { ItemView } from './ItemView';
