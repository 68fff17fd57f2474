import type { ReactNode } from 'react';
import type { TItem } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import type { TRelease } from '@ordo/contract';
import type { TSprint } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { Avatar } from '../../ui/Avatar';
import { StateBadge } from '../../ui/StateBadge';
import { ITEM_TYPE_ORDER, TYPE_LABELS, TypeIcon } from '../../ui/TypeIcon';
import { formatDate } from '../../ui/time';
import { BlockedEditor } from './BlockedEditor';
import { LabelsEditor } from './LabelsEditor';
import { LinksList } from './LinksList';
import { NumberField } from './NumberField';
import { ScoreInputs } from './ScoreInputs';
import type { SaveItem } from './useItemSave';

function Prop({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="prop">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const idOrNull = (v: string) => (v === '' ? null : Number(v));

/**
 * The item's facts beside its text: each one a control for those who may change it, plain text for
 * the rest. A panel shows them in two parts: the `facts` under the title, the `more` (links,
 * scores, when it was created) further down.
 */
export function ItemProperties({
  item,
  product,
  sprints,
  releases,
  save,
  part = 'all',
}: {
  item: TItem;
  product: TProductDetail;
  sprints: TSprint[];
  releases: TRelease[];
  save: SaveItem;
  part?: 'all' | 'facts' | 'more';
}) {
  const role = product.role;
  const canEdit = can(role, 'item.update');
  const canMove = can(role, 'item.move') && canEdit;
  const canBlock = can(role, 'item.block') && canEdit;
  const state = product.states.find((s) => s.id === item.stateId);
  const openSprints = sprints.filter((s) => s.state !== 'closed' || s.id === item.sprintId);
  const openReleases = releases.filter((r) => !r.releasedAt || r.id === item.releaseId);

  const more = (
    <>
      <LinksList item={item} canEdit={canEdit} />
      <ScoreInputs item={item} canEdit={canEdit} save={save} />
      <p className="faint item-created">
        Created {formatDate(item.createdAt)}
        {item.createdBy ? ` by ${item.createdBy.name}` : ''}
        {item.doneAt ? ` · done ${formatDate(item.doneAt)}` : ''}
      </p>
    </>
  );
  if (part === 'more')
    return (
      <section className="item-props item-more" aria-label="Links and scores">
        {more}
      </section>
    );
  return (
    <aside className="item-props" aria-label="Properties">
      <dl>
        <Prop label="State">
          {canMove ? (
            <select
              className="select select-sm"
              aria-label="State"
              value={item.stateId}
              onChange={(e) => void save({ stateId: Number(e.target.value) }, item)}
            >
              {product.states.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          ) : state ? (
            <StateBadge name={state.name} category={state.category} />
          ) : (
            '—'
          )}
        </Prop>
        <Prop label="Type">
          {canEdit ? (
            <select
              className="select select-sm"
              aria-label="Type"
              value={item.type}
              onChange={(e) => void save({ type: e.target.value }, item)}
            >
              {ITEM_TYPE_ORDER.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          ) : (
            <TypeIcon type={item.type} label />
          )}
        </Prop>
        <Prop label="Estimate">
          <NumberField item={item} field="estimate" label="Estimate" suffix="pt" max={1000} save={save} canEdit={canEdit} />
        </Prop>
        <Prop label="Assignee">
          {canEdit ? (
            <select
              className="select select-sm"
              aria-label="Assignee"
              value={item.assignee?.id ?? ''}
              onChange={(e) => void save({ assigneeId: idOrNull(e.target.value) }, item)}
            >
              <option value="">Nobody</option>
              {product.members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </select>
          ) : item.assignee ? (
            <span className="row">
              <Avatar name={item.assignee.name} size={20} /> {item.assignee.name}
            </span>
          ) : (
            <span className="faint">Nobody</span>
          )}
        </Prop>
        {item.type !== 'epic' && (
          <Prop label="Epic">
            {canEdit ? (
              <select
                className="select select-sm"
                aria-label="Epic"
                value={item.parentKey ?? ''}
                onChange={(e) => void save({ parentKey: e.target.value || null }, item)}
              >
                <option value="">None</option>
                {product.epics.map((epic) => (
                  <option key={epic.key} value={epic.key}>
                    {epic.key} {epic.title}
                  </option>
                ))}
              </select>
            ) : (
              <span className={item.parentKey ? undefined : 'faint'}>
                {item.parentKey ? `${item.parentKey} ${product.epics.find((e) => e.key === item.parentKey)?.title ?? ''}` : 'None'}
              </span>
            )}
          </Prop>
        )}
        {/* Blocked comes before the labels: a label typed and left by clicking Blocked is added on blur,
            and the labels row growing then must not move the control under the pointer. */}
        <Prop label="Blocked">
          <BlockedEditor item={item} canBlock={canBlock} canEdit={canEdit} save={save} />
        </Prop>
        <Prop label="Labels">
          <LabelsEditor item={item} known={product.labels} canEdit={canEdit} save={save} />
        </Prop>
        {(openSprints.length > 0 || item.sprintId != null) && (
          <Prop label="Sprint">
            {canEdit ? (
              <select
                className="select select-sm"
                aria-label="Sprint"
                value={item.sprintId ?? ''}
                onChange={(e) => void save({ sprintId: idOrNull(e.target.value) }, item)}
              >
                <option value="">None</option>
                {openSprints.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.state === 'active' ? ' (active)' : ''}
                  </option>
                ))}
              </select>
            ) : (
              <span>{sprints.find((s) => s.id === item.sprintId)?.name ?? '—'}</span>
            )}
          </Prop>
        )}
        {(openReleases.length > 0 || item.releaseId != null) && (
          <Prop label="Release">
            {canEdit ? (
              <select
                className="select select-sm"
                aria-label="Release"
                value={item.releaseId ?? ''}
                onChange={(e) => void save({ releaseId: idOrNull(e.target.value) }, item)}
              >
                <option value="">None</option>
                {openReleases.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {r.targetDate ? ` · ${formatDate(r.targetDate)}` : ''}
                  </option>
                ))}
              </select>
            ) : (
              <span>{releases.find((r) => r.id === item.releaseId)?.name ?? '—'}</span>
            )}
          </Prop>
        )}
        {item.progress && (
          <Prop label="Progress">
            <span>
              {item.progress.done} of {item.progress.total} done
            </span>
          </Prop>
        )}
      </dl>
      {part === 'all' && more}
    </aside>
  );
}
