import type { TProductDetail } from '@ordo/contract';
import { Button } from '../../ui/Button';
import { Menu } from '../../ui/Menu';
import { ITEM_TYPE_ORDER, TYPE_LABELS, TypeIcon } from '../../ui/TypeIcon';
import { RANGES, type useReportFilters } from './useReportFilters';

/** Type, epic and period: the same filters for every chart on the page. */
export function ReportToolbar({ product, filters: f }: { product: TProductDetail; filters: ReturnType<typeof useReportFilters> }) {
  const epicTitle = f.epic ? (product.epics.find((e) => e.key === f.epic)?.title ?? f.epic) : null;
  const rangeLabel = f.custom ? 'Custom dates' : (RANGES.find((r) => r.days === f.range)?.label ?? `Last ${f.range} days`);
  return (
    <div className="report-toolbar" role="group" aria-label="Report filters">
      <Menu
        label={
          f.type.length === 0
            ? 'Type'
            : f.type.length === 1
              ? `Type: ${TYPE_LABELS[f.type[0] as keyof typeof TYPE_LABELS] ?? f.type[0]}`
              : `Type: ${f.type.length}`
        }
        active={f.type.length > 0}
        multiple
        items={ITEM_TYPE_ORDER.filter((t) => t !== 'epic').map((t) => ({
          id: t,
          label: TYPE_LABELS[t],
          icon: <TypeIcon type={t} />,
          checked: f.type.includes(t),
        }))}
        onSelect={f.toggleType}
      />
      <Menu
        label={epicTitle ? `Epic: ${epicTitle}` : 'Epic'}
        active={!!f.epic}
        emptyText="This product has no epics"
        items={[
          ...(f.epic ? [{ id: '', label: 'Any epic' }] : []),
          ...product.epics.map((e) => ({ id: e.key, label: e.title, text: `${e.key} ${e.title}`, checked: e.key === f.epic })),
        ]}
        onSelect={(id) => f.setEpic(id || null)}
      />
      <Menu
        label={rangeLabel}
        active={f.custom || f.range !== 90}
        items={[
          ...RANGES.map((r) => ({ id: String(r.days), label: r.label, checked: !f.custom && f.range === r.days })),
          { id: 'custom', label: 'Custom dates…', checked: f.custom },
        ]}
        onSelect={(id) => f.setRange(id === 'custom' ? 'custom' : Number(id))}
      />
      {f.custom && (
        <span className="report-dates">
          <input
            className="input"
            type="date"
            aria-label="From"
            value={f.from ?? ''}
            max={f.to ?? undefined}
            onChange={(e) => f.setDay('from', e.target.value)}
          />
          <span className="faint">to</span>
          <input
            className="input"
            type="date"
            aria-label="To"
            value={f.to ?? ''}
            min={f.from ?? undefined}
            onChange={(e) => f.setDay('to', e.target.value)}
          />
        </span>
      )}
      {f.active && (
        <Button size="sm" variant="ghost" onClick={f.clear}>
          Clear
        </Button>
      )}
    </div>
  );
}
