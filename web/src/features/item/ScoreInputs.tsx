import type { TItem } from '@ordo/contract';
import { NumberField } from './NumberField';
import type { ItemField } from './fields';
import type { SaveItem } from './useItemSave';

const WSJF_INPUTS: Array<[ItemField, string]> = [
  ['businessValue', 'Business value'],
  ['timeCriticality', 'Time criticality'],
  ['riskReduction', 'Risk reduction'],
  ['jobSize', 'Job size'],
];

const RICE_INPUTS: Array<[ItemField, string]> = [
  ['riceReach', 'Reach'],
  ['riceImpact', 'Impact'],
  ['riceConfidence', 'Confidence %'],
  ['riceEffort', 'Effort'],
];

const score = (n: number | null) => (n == null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The inputs of WSJF and RICE, each with the score the server computes from them. */
export function ScoreInputs({ item, canEdit, save }: { item: TItem; canEdit: boolean; save: SaveItem }) {
  return (
    <div className="scores">
      <section className="score-group" aria-label="WSJF">
        <h3 className="score-head">
          <span title="Weighted shortest job first: (business value + time criticality + risk reduction) ÷ job size">WSJF</span>
          <span className="score-value" data-testid="wsjf">
            {score(item.wsjf)}
          </span>
        </h3>
        <div className="score-grid">
          {WSJF_INPUTS.map(([field, label]) => (
            <label key={field} className="score-input">
              <span>{label}</span>
              <NumberField item={item} field={field} label={label} save={save} canEdit={canEdit} max={1_000_000} />
            </label>
          ))}
        </div>
      </section>
      <section className="score-group" aria-label="RICE">
        <h3 className="score-head">
          <span title="Reach × impact × confidence ÷ effort">RICE</span>
          <span className="score-value" data-testid="rice">
            {score(item.rice)}
          </span>
        </h3>
        <div className="score-grid">
          {RICE_INPUTS.map(([field, label]) => (
            <label key={field} className="score-input">
              <span>{label}</span>
              <NumberField
                item={item}
                field={field}
                label={`RICE ${label.replace(' %', '').toLowerCase()}`}
                save={save}
                canEdit={canEdit}
                max={field === 'riceConfidence' ? 100 : 1_000_000}
              />
            </label>
          ))}
        </div>
      </section>
    </div>
  );
}
