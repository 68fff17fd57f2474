import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseExportDate } from '../../src/services/imports/dates.js';
import { mapStatuses, parseStatusMap, statesFromLists } from '../../src/services/imports/map-states.js';
import { parseJiraCsv } from '../../src/services/imports/parse-jira-csv.js';
import { guessCategory, syntaxErrorOffset } from '../../src/services/imports/parse-trello-json.js';

describe('parseExportDate', () => {
  it.each([
    ['24/Nov/25 3:12 PM', '2025-11-24T15:12:00.000Z'],
    ['24/Nov/25 12:05 AM', '2025-11-24T00:05:00.000Z'],
    ['24/Nov/2025 15:12', '2025-11-24T15:12:00.000Z'],
    ['2025-11-24 15:12', '2025-11-24T15:12:00.000Z'],
    ['2025-11-24T15:12:00.000+0200', '2025-11-24T13:12:00.000Z'],
    ['2016-03-01T10:00:00.000Z', '2016-03-01T10:00:00.000Z'],
    ['24.11.2025 15:12', '2025-11-24T15:12:00.000Z'],
    ['24/Dez/25 09:30', '2025-12-24T09:30:00.000Z'],
    ['24/déc./25 09:30', '2025-12-24T09:30:00.000Z'],
    ['03/mär/24 8:00 AM', '2024-03-03T08:00:00.000Z'],
    ['11/24/2025', '2025-11-24T00:00:00.000Z'],
  ])('reads %s', (text, iso) => expect(parseExportDate(text)).toBe(iso));

  it.each(['', 'yesterday', '31/Feb/25 3:12 PM', '24/Foo/25 3:12 PM', '24/Nov/25 13:12 PM'])('refuses %j', (text) =>
    expect(parseExportDate(text)).toBeNull(),
  );
});

describe('status mapping', () => {
  const states = [
    { name: 'Backlog', category: 'backlog' as const },
    { name: 'To do', category: 'todo' as const },
    { name: 'In progress', category: 'in_progress' as const },
    { name: 'Review', category: 'in_progress' as const },
    { name: 'Done', category: 'done' as const },
  ];
  it('takes an override, then the name, then the category, then a well-known name', () => {
    const mapped = mapStatuses(
      [
        { name: 'Code Review', category: 'in_progress', where: 'line 2' },
        { name: 'done', category: null, where: 'line 3' },
        { name: 'Waiting', category: 'todo', where: 'line 4' },
        { name: 'Closed', category: null, where: 'line 5' },
      ],
      states,
      parseStatusMap(['Code Review=Review']),
    );
    expect(mapped.map((m) => [m.source, m.state, m.by])).toEqual([
      ['Code Review', 'Review', 'override'],
      ['done', 'Done', 'name'],
      ['Waiting', 'To do', 'category'],
      ['Closed', 'Done', 'known name'],
    ]);
  });

  it('refuses a status nothing places, naming its line and the flag that maps it', () => {
    expect(() => mapStatuses([{ name: 'Parked', category: null, where: 'line 7' }], states, new Map())).toThrow(
      /line 7: the status "Parked" matches no state .*--map-status "Parked=Backlog"/,
    );
  });

  it('refuses a malformed or impossible override', () => {
    expect(() => parseStatusMap(['Review'])).toThrow(/must look like/);
    expect(() => mapStatuses([{ name: 'A', category: null, where: 'line 2' }], states, parseStatusMap(['A=Nowhere']))).toThrow(
      /no state "Nowhere"/,
    );
  });

  it('turns Trello lists into states ordered by category, guessing from their names', () => {
    expect(guessCategory('Doing', 1)).toBe('in_progress');
    expect(guessCategory('Done ✔', 3)).toBe('done');
    expect(guessCategory('Ideas', 0)).toBe('backlog');
    const { states: made } = statesFromLists(
      [
        { name: 'Ideas', category: 'backlog', where: '$.lists[0]' },
        { name: 'Shipped', category: 'done', where: '$.lists[1]' },
        { name: 'Doing', category: 'in_progress', where: '$.lists[2]' },
      ],
      parseStatusMap(['Ideas=todo']),
    );
    expect(made).toEqual([
      { name: 'Ideas', category: 'todo' },
      { name: 'Doing', category: 'in_progress' },
      { name: 'Shipped', category: 'done' },
    ]);
  });
});

describe('parseJiraCsv', () => {
  const csv = (text: string) => Readable.from([text]);
  it('keeps repeated columns, comments with their author and date, and unknown types as labels', async () => {
    const source = await parseJiraCsv(
      csv(
        'Summary,Issue key,Issue id,Issue Type,Status,Labels,Labels,Comment,Comment,Created,Custom field (Story Points)\n' +
          'Pay by card,PAY-7,107,Improvement,Open,billing,ux,"24/Nov/25 3:12 PM;ann;Looks good; ship it",,23/Nov/25 9:00 AM,"2,5"\n',
      ),
    );
    expect(source.items[0]).toMatchObject({
      sourceKey: 'PAY-7',
      number: 7,
      type: 'task',
      labels: ['billing', 'ux', 'improvement'],
      estimate: 2.5,
      createdAt: '2025-11-23T09:00:00.000Z',
      comments: [{ author: 'ann', at: '2025-11-24T15:12:00.000Z', body: 'Looks good; ship it' }],
    });
  });

  it('reads either estimate column, and names the columns it does not import', async () => {
    const source = await parseJiraCsv(
      csv('Summary,Issue key,Status,Priority,Custom field (Story Points),Custom field (Story point estimate)\nA,X-1,Open,High,,3\n'),
    );
    expect(source.items[0]!.estimate).toBe(3);
    expect(source.warnings).toEqual([{ where: 'line 1', message: 'a column is not imported: Priority' }]);
  });

  it('warns about an unreadable date with its line, and goes on', async () => {
    const source = await parseJiraCsv(csv('Summary,Issue key,Status,Created\nA,X-1,Open,soon\n'));
    expect(source.warnings).toEqual([{ where: 'line 2', message: 'Created "soon" is not a date Ordo can read; left out' }]);
  });
});

describe('syntaxErrorOffset', () => {
  it('finds where JSON breaks', () => {
    const text = '{\n  "a": [1, 2,\n  ]\n}';
    expect(text.slice(syntaxErrorOffset(text))).toBe(']\n}');
    expect(syntaxErrorOffset('{"a": 1}')).toBe(8);
  });
});
