import { describe, expect, it } from 'vitest';
import { withQuery } from '../src/api/client';
import { backlogListFilters, filtersFromParams, matchesFilters, patchable } from '../src/features/backlog/filters';
import { row } from './fixtures';

describe('backlog filters', () => {
  it('reads the filters from the URL, the same however the values are ordered, and ignores what is not a filter', () => {
    const f = filtersFromParams(
      new URLSearchParams('type=story,bug&label=billing&assignee=none&epic=PAY-1&blocked=true&q=%20refund%20&sort=wsjf&page=2'),
    );
    expect(f).toEqual({
      type: ['bug', 'story'],
      label: ['billing'],
      assignee: ['none'],
      epic: 'PAY-1',
      blocked: 'true',
      q: 'refund',
      sort: 'wsjf',
    });
    expect(filtersFromParams(new URLSearchParams('type=bug,story'))).toEqual(filtersFromParams(new URLSearchParams('type=story,bug')));
    expect(filtersFromParams(new URLSearchParams('blocked=false&sort=rank&q=%20%20'))).toEqual({});
  });

  it('round-trips a filtered URL through the request the list makes', () => {
    const url = 'type=bug,story&state=3&label=billing,api&assignee=4,none&epic=PAY-1&blocked=true&q=refund&sort=wsjf';
    const filters = filtersFromParams(new URLSearchParams(url));
    const request = withQuery('/api/products/PAY/items', filters);
    expect(filtersFromParams(new URL(request, 'http://ordo.test').searchParams)).toEqual(filters);
  });

  it('decides from an item alone whether it belongs in a filtered list', () => {
    const bug = row('PAY-7', 'a1', { type: 'bug', stateId: 3, labels: ['billing'], parentKey: 'PAY-1', blocked: true });
    expect(matchesFilters({ type: ['bug'], label: ['api', 'billing'], epic: 'PAY-1', blocked: 'true' }, bug)).toBe(true);
    expect(matchesFilters({ state: ['3'] }, bug)).toBe(true);
    expect(matchesFilters({ state: ['2'] }, bug)).toBe(false);
    expect(matchesFilters({ assignee: ['none'] }, bug)).toBe(true);
    expect(matchesFilters({ assignee: ['4'] }, bug)).toBe(false);
    expect(matchesFilters({ type: ['story'] }, bug)).toBe(false);
  });

  it('hides done items from the backlog unless the URL asks for them or a state filter names the states', () => {
    expect(backlogListFilters(new URLSearchParams('type=bug'))).toEqual({
      type: ['bug'],
      stateCategory: ['backlog', 'todo', 'in_progress'],
    });
    expect(backlogListFilters(new URLSearchParams('type=bug&done=show'))).toEqual({ type: ['bug'] });
    expect(backlogListFilters(new URLSearchParams('state=5'))).toEqual({ state: ['5'] });
    // The board reads the same URL without the rule: its done column is a column.
    expect(filtersFromParams(new URLSearchParams('type=bug'))).toEqual({ type: ['bug'] });
    const open = backlogListFilters(new URLSearchParams(''));
    expect(matchesFilters(open, row('PAY-1', 'a0', { stateCategory: 'in_progress' }))).toBe(true);
    expect(matchesFilters(open, row('PAY-2', 'a1', { stateCategory: 'done' }))).toBe(false);
  });

  it('leaves search results and WSJF order to the server', () => {
    expect(patchable({ type: ['bug'] })).toBe(true);
    expect(patchable({ q: 'refund' })).toBe(false);
    expect(patchable({ sort: 'wsjf' })).toBe(false);
  });
});
