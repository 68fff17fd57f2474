import type { TImportReport } from '../../api/imports';

export interface MappingChoice {
  /** what a source status can go to: state names (Jira) or categories (Trello) */
  options: { value: string; label: string }[];
  value: (source: string) => string;
  onChange: (source: string, target: string) => void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const CATEGORY: Record<string, string> = { backlog: 'Backlog', todo: 'To do', in_progress: 'In progress', done: 'Done' };

/** What a dry run found: counts, the state and people mappings (states editable), and the warnings. */
export function ImportReportView({ report, mapping }: { report: TImportReport; mapping: MappingChoice }) {
  const c = report.counts;
  // An Ordo export brings its own workflow and people: nothing to map, and no one is kept as text.
  const ordo = report.format === 'ordo';
  return (
    <div className="import-report">
      <p className="import-summary">
        {report.newProduct ? 'A new product' : 'The empty product'} <strong>{report.productName}</strong> ({report.productKey}) with{' '}
        {plural(c.items, 'item')}, {plural(c.comments, 'comment')}
        {c.criteria > 0 && <>, {plural(c.criteria, 'acceptance criterion', 'acceptance criteria')}</>}, {plural(c.labels, 'label')}
        {c.sprints > 0 && <>, {plural(c.sprints, 'sprint')}</>} and {plural(c.events, 'history event')} with their original dates.
      </p>

      <div className="import-columns">
        <section aria-labelledby="import-states">
          <h3 id="import-states">{ordo ? 'Workflow' : 'States'}</h3>
          {ordo ? (
            <table className="table import-table">
              <thead>
                <tr>
                  <th scope="col">State</th>
                  <th scope="col">Category</th>
                </tr>
              </thead>
              <tbody>
                {report.byState.map((s) => (
                  <tr key={s.state}>
                    <td>{s.state}</td>
                    <td>{CATEGORY[s.category]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <table className="table import-table">
              <thead>
                <tr>
                  <th scope="col">{report.format === 'trello' ? 'Trello list' : 'Jira status'}</th>
                  <th scope="col">{report.format === 'trello' ? 'Category' : 'Ordo state'}</th>
                </tr>
              </thead>
              <tbody>
                {report.states.map((s) => (
                  <tr key={s.source}>
                    <td>{s.source}</td>
                    <td>
                      <select
                        className="select"
                        aria-label={`Map ${s.source} to`}
                        value={mapping.value(s.source)}
                        onChange={(e) => mapping.onChange(s.source, e.target.value)}
                      >
                        {mapping.options.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <span className="faint import-by">by {s.by}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="import-counts">
          <h3 id="import-counts">Items</h3>
          <table className="table import-table">
            <tbody>
              {report.byState.map((s) => (
                <tr key={s.state}>
                  <td>
                    {s.state} <span className="faint">{CATEGORY[s.category]}</span>
                  </td>
                  <td className="num">{s.items.toLocaleString()}</td>
                </tr>
              ))}
              {report.byType.map((t, i) => (
                <tr key={t.type} className={`import-type-row${i === 0 ? ' is-first' : ''}`}>
                  <td>{t.type}</td>
                  <td className="num">{t.items.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section aria-labelledby="import-people">
        <h3 id="import-people">People</h3>
        {ordo ? (
          <p className="muted">
            {c.people === 1
              ? c.matchedPeople === 1
                ? 'The one person in it is already an Ordo user (by e-mail).'
                : 'The one person in it becomes an Ordo user without a password; an admin sets theirs.'
              : `${c.matchedPeople} of ${c.people} are already Ordo users (by e-mail).${c.matchedPeople < c.people ? ' The others become users without a password; an admin sets theirs.' : ''}`}
          </p>
        ) : (
          <p className="muted">
            {c.matchedPeople} of {c.people} matched to Ordo users (by e-mail or name; they join the product as developers). The others are
            kept as text on what they wrote or were assigned.
          </p>
        )}
        {report.people.length > 0 && (
          <ul className="import-people">
            {report.people.map((p) => (
              <li key={p.name}>
                {p.name}{' '}
                <span className={p.user ? '' : 'faint'}>
                  → {p.user ? `${p.user.name} (by ${p.by})` : ordo ? 'new user' : 'kept as text'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {report.warningCount > 0 && (
        <section aria-labelledby="import-warnings">
          <h3 id="import-warnings">Warnings ({report.warningCount})</h3>
          <ul className="import-warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>
                <span className="mono">{w.where}</span> {w.message}
              </li>
            ))}
          </ul>
          {report.warningCount > report.warnings.length && (
            <p className="faint">… and {report.warningCount - report.warnings.length} more</p>
          )}
        </section>
      )}
    </div>
  );
}
