import { Fragment, useEffect, useState } from 'react';
import type { TWorkflowState } from '@ordo/contract';
import { ENTRY_RULES, STATE_CATEGORIES, type EntryRule, type StateCategory } from '@ordo/domain/workflow';
import type { TUpdateState } from '../../api/products';
import { CATEGORY_LABELS, StateIcon } from '../../ui/StateBadge';

interface StateRowProps {
  state: TWorkflowState;
  index: number;
  count: number;
  editable: boolean;
  onChange: (change: TUpdateState) => void;
  onDelete: () => void;
}

const RULES = Object.entries(ENTRY_RULES) as [EntryRule, string][];
/** Ready rules guard starting work, done rules guard finishing it. */
const RULE_GROUPS: [string, [EntryRule, string][]][] = [
  ['Ready: entering needs an item that', RULES.filter(([r]) => r.startsWith('ready.'))],
  ['Done: entering needs an item that', RULES.filter(([r]) => r.startsWith('done.'))],
];

/** One workflow state: its name, category, WIP limit and entry rules, and its place in the order. */
export function StateRow({ state, index, count, editable, onChange, onDelete }: StateRowProps) {
  const [name, setName] = useState(state.name);
  const [wip, setWip] = useState(state.wipLimit?.toString() ?? '');
  useEffect(() => setName(state.name), [state.name]);
  useEffect(() => setWip(state.wipLimit?.toString() ?? ''), [state.wipLimit]);

  const saveName = () => {
    const n = name.trim();
    if (!n) setName(state.name);
    else if (n !== state.name) onChange({ name: n, version: state.version });
  };
  const saveWip = () => {
    const n = wip.trim() === '' ? null : Number(wip);
    if (n !== null && (!Number.isInteger(n) || n < 1)) {
      setWip(state.wipLimit?.toString() ?? '');
      return;
    }
    if (n !== state.wipLimit) onChange({ wipLimit: n, version: state.version });
  };
  const toggleRule = (rule: EntryRule, on: boolean) => {
    const rules = new Set(state.entryRules);
    if (on) rules.add(rule);
    else rules.delete(rule);
    onChange({ entryRules: RULES.map(([r]) => r).filter((r) => rules.has(r)), version: state.version });
  };

  return (
    <li className="state-row" data-testid={`state-${state.name}`}>
      <div className="state-main">
        {editable && (
          <span className="state-order">
            <button
              type="button"
              className="icon-btn"
              aria-label={`Move ${state.name} left`}
              disabled={index === 0}
              onClick={() => onChange({ position: index - 1 })}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-btn"
              aria-label={`Move ${state.name} right`}
              disabled={index === count - 1}
              onClick={() => onChange({ position: index + 1 })}
            >
              ↓
            </button>
          </span>
        )}
        <StateIcon category={state.category} />
        {editable ? (
          <>
            <input
              className="input state-name-input"
              aria-label="State name"
              value={name}
              maxLength={60}
              onChange={(e) => setName(e.target.value)}
              onBlur={saveName}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                if (e.key === 'Escape') setName(state.name);
              }}
            />
            <select
              className="select"
              aria-label={`Category of ${state.name}`}
              value={state.category}
              onChange={(e) => onChange({ category: e.target.value as StateCategory, version: state.version })}
            >
              {STATE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
            <label className="wip-field">
              WIP limit
              <input
                className="input wip-input"
                inputMode="numeric"
                placeholder="none"
                value={wip}
                onChange={(e) => setWip(e.target.value.replace(/[^0-9]/g, ''))}
                onBlur={saveWip}
                onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
              />
            </label>
            <button type="button" className="btn btn-sm btn-ghost state-delete" onClick={onDelete} disabled={count <= 1}>
              Delete
            </button>
          </>
        ) : (
          <>
            <span className="state-name">{state.name}</span>
            <span className="muted">{CATEGORY_LABELS[state.category]}</span>
            <span className="muted">{state.wipLimit ? `WIP limit ${state.wipLimit}` : 'no WIP limit'}</span>
          </>
        )}
      </div>
      {(editable || state.entryRules.length > 0) && (
        <div className="state-rules">
          {RULE_GROUPS.map(([title, rules]) =>
            editable ? (
              <Fragment key={title}>
                <span className="faint">{title}</span>
                <span className="rule-group">
                  {rules.map(([rule, label]) => (
                    <label key={rule} className="rule-check">
                      <input
                        type="checkbox"
                        checked={state.entryRules.includes(rule)}
                        onChange={(e) => toggleRule(rule, e.target.checked)}
                      />
                      {label}
                    </label>
                  ))}
                </span>
              </Fragment>
            ) : (
              rules.some(([r]) => state.entryRules.includes(r)) && (
                <Fragment key={title}>
                  <span className="faint">{title}</span>
                  <span className="rule-group">
                    {rules
                      .filter(([r]) => state.entryRules.includes(r))
                      .map(([r, label]) => (
                        <span key={r} className="label-chip">
                          {label}
                        </span>
                      ))}
                  </span>
                </Fragment>
              )
            ),
          )}
        </div>
      )}
    </li>
  );
}
