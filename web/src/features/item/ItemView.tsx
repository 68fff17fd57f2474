import { useMemo, type ReactNode } from 'react';
import type { TItem } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { useMe } from '../../api/queries';
import { useReleases, useSprints } from '../../api/delivery';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { TypeIcon } from '../../ui/TypeIcon';
import { since } from '../../ui/time';
import { ItemQuestions } from '../questions';
import { ItemRequests } from '../requests';
import { Comments } from './Comments';
import { ConflictDialog } from './ConflictDialog';
import { CriteriaList } from './CriteriaList';
import { DescriptionEditor } from './DescriptionEditor';
import { vocabularyOf } from './fields';
import { History } from './History';
import { ItemProperties } from './ItemProperties';
import { TitleEditor } from './TitleEditor';
import { useItemSave } from './useItemSave';
import './item.css';

/**
 * An item in full: its words on the left (title, description, acceptance criteria, links, the
 * conversation and the history), its facts on the right. What the person's role may not change
 * is shown, not offered. In a panel beside a list (`layout="panel"`) it is one column, facts first.
 */
export function ItemView({
  item,
  product,
  header,
  actions,
  layout = 'page',
}: {
  item: TItem;
  product: TProductDetail;
  /** first in the item's bar: the way back */
  header: ReactNode;
  /** last in the item's bar, at its right end */
  actions?: ReactNode;
  layout?: 'page' | 'panel';
}) {
  const role = product.role;
  const canEdit = can(role, 'item.update');
  const me = useMe().data;
  const { save, conflict, keepMine, takeTheirs } = useItemSave(item.key, can(role, 'rule.override'));
  const sprints = useSprints(product.key);
  const releases = useReleases(product.key);
  const words = useMemo(() => vocabularyOf(product, sprints.data, releases.data), [product, sprints.data, releases.data]);

  const properties = (part: 'all' | 'facts' | 'more') => (
    <ItemProperties item={item} product={product} sprints={sprints.data ?? []} releases={releases.data ?? []} save={save} part={part} />
  );
  return (
    <article className={`item-view ${layout === 'panel' ? 'is-panel' : ''}`} aria-label={`${item.key} ${item.title}`}>
      <div className="item-body">
        <div className="item-main">
          <header className="item-bar">
            {header}
            <span className="item-bar-key">
              <TypeIcon type={item.type} />
              <span className="mono">{item.key}</span>
            </span>
            {item.blocked && (
              <span className="item-blocked" title={item.blockedReason ?? 'no reason given'}>
                <BlockedIcon /> blocked{item.blockedSince ? ` for ${since(item.blockedSince)}` : ''}
              </span>
            )}
            {item.deletedAt && <span className="item-trashed">In the trash</span>}
            {actions}
          </header>
          <TitleEditor item={item} canEdit={canEdit} save={save} heading={layout === 'panel' ? 'h2' : 'h1'} />
          {layout === 'panel' && properties('facts')}
          <DescriptionEditor item={item} canEdit={canEdit} save={save} />
          <CriteriaList
            itemKey={item.key}
            criteria={item.criteria}
            canEdit={can(role, 'criteria.edit')}
            canAccept={can(role, 'criteria.accept')}
          />
          {layout === 'panel' && properties('more')}
          <ItemQuestions itemKey={item.key} product={product} meId={me?.id} />
          <ItemRequests item={item} product={product} onReach={(reach) => void save({ riceReach: reach }, item)} />
          <Comments
            itemKey={item.key}
            meId={me?.id}
            canComment={can(role, 'comment.create')}
            canModerate={can(role, 'item.delete')}
            mentions={product.members.map((m) => ({ id: m.userId, name: m.name }))}
          />
          <History itemKey={item.key} words={words} />
        </div>
        {layout === 'page' && properties('all')}
      </div>
      <ConflictDialog conflict={conflict} itemKey={item.key} words={words} onKeepMine={keepMine} onTakeTheirs={takeTheirs} />
    </article>
  );
}
