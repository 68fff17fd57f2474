import { WEBHOOK_EVENTS } from '@ordo/contract';

/** The event groups a webhook can ask for, in the settings' words: each is `<entity>.*`. */
export const WEBHOOK_GROUPS: { entity: keyof typeof WEBHOOK_EVENTS; label: string }[] = [
  { entity: 'item', label: 'Items' },
  { entity: 'comment', label: 'Comments' },
  { entity: 'criterion', label: 'Acceptance criteria' },
  { entity: 'link', label: 'Links' },
  { entity: 'sprint', label: 'Sprints' },
  { entity: 'release', label: 'Releases' },
  { entity: 'question', label: 'Questions' },
  { entity: 'decision', label: 'Decisions' },
  { entity: 'request', label: 'Requests' },
  { entity: 'status_update', label: 'Status updates' },
  { entity: 'share_link', label: 'Share links' },
  { entity: 'member', label: 'Members' },
  { entity: 'state', label: 'Workflow states' },
  { entity: 'product', label: 'The product' },
  { entity: 'webhook', label: 'Webhooks' },
];

/** `item.*` → "Items (all)", `item.moved` → "item.moved": how a webhook's list reads. */
export function describeEvent(kind: string): string {
  const [entity, action] = kind.split('.');
  const group = WEBHOOK_GROUPS.find((g) => g.entity === entity);
  return action === '*' && group ? group.label : kind;
}

export const actionsOf = (entity: keyof typeof WEBHOOK_EVENTS): readonly string[] => WEBHOOK_EVENTS[entity];
