import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';

describeEachDialect('requests: votes, customers, triage, and the item that ships them', (h: Harness) => {
  let owner: TestUser;
  let dev: TestUser;
  let sales: TestUser;
  let marketing: TestUser;
  let viewer: TestUser;
  let key: string;

  beforeAll(async () => {
    owner = await h.buildUser({ name: 'Olivia Owner' });
    dev = await h.buildUser({ name: 'Dev Patel' });
    sales = await h.buildUser({ name: 'Sam Sales' });
    marketing = await h.buildUser({ name: 'Mia Marketing' });
    viewer = await h.buildUser({ name: 'Vic Viewer' });
    ({ key } = await h.buildProduct(owner));
    await h.addMember(key, owner, dev, 'developer');
    await h.addMember(key, owner, sales, 'stakeholder');
    await h.addMember(key, owner, marketing, 'stakeholder');
    await h.addMember(key, owner, viewer, 'viewer');
  });

  const post = (user: TestUser, url: string, payload?: Record<string, unknown>) =>
    h.api(user, { method: 'POST', url, payload: payload ?? {} });
  const get = async (user: TestUser, url: string) => (await h.api(user, { method: 'GET', url })).json();
  const submit = async (user: TestUser, title: string, customer = 'Acme Corp', impact = 'high') => {
    const res = await post(user, `/api/products/${key}/requests`, { title, customer, impact, description: `${title}, please.` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const newItem = async (title: string) =>
    (await post(owner, `/api/products/${key}/items`, { title })).json() as { key: string; version: number };
  const bell = async (user: TestUser) =>
    (await get(user, '/api/notifications?unread=true')).items as Array<{ kind: string; title: string; link: string }>;

  it('takes a request with the stakeholder’s own vote, and tells the owners', async () => {
    const r = await submit(sales, 'Export invoices as PDF', 'Acme Corp', 'critical');
    expect(r).toMatchObject({
      productKey: key,
      title: 'Export invoices as PDF',
      customer: 'Acme Corp',
      customers: ['Acme Corp'],
      impact: 'critical',
      requester: { id: sales.id, name: 'Sam Sales' },
      state: 'new',
      votes: 1,
      voted: true,
      item: null,
    });
    expect(await bell(owner)).toContainEqual(
      expect.objectContaining({ kind: 'request_submitted', title: 'Sam Sales submitted a request for Acme Corp: Export invoices as PDF' }),
    );
    const onBehalf = (
      await post(owner, `/api/products/${key}/requests`, { title: 'SSO with Okta', customer: 'Globex', impact: 'medium' })
    ).json();
    expect(onBehalf).toMatchObject({ votes: 0, voted: false, requester: { id: owner.id } });
  });

  it('counts one vote per person, withdrawable, and customers once each', async () => {
    const r = await submit(sales, 'Dark mode for statements');
    const vote = await post(marketing, `/api/requests/${r.id}/votes`);
    expect(vote.statusCode).toBe(201);
    expect(vote.json()).toMatchObject({ votes: 2, voted: true });
    const twice = await post(marketing, `/api/requests/${r.id}/votes`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('You have already voted for this request');
    const undo = await h.api(marketing, { method: 'DELETE', url: `/api/requests/${r.id}/votes` });
    expect(undo.json()).toMatchObject({ votes: 1, voted: false });
    const undoTwice = await h.api(marketing, { method: 'DELETE', url: `/api/requests/${r.id}/votes` });
    expect(undoTwice.statusCode).toBe(409);
    expect(undoTwice.json().error.message).toBe('You have not voted for this request');
    expect((await post(viewer, `/api/requests/${r.id}/votes`)).statusCode).toBe(403);
    const plus = await post(marketing, `/api/requests/${r.id}/customers`, { customer: 'Initech' });
    expect(plus.statusCode).toBe(201);
    expect(plus.json().customers).toEqual(['Acme Corp', 'Initech']);
    const same = await post(marketing, `/api/requests/${r.id}/customers`, { customer: '  acme   CORP ' });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.message).toBe('acme   CORP is already on this request');
  });

  it('lists new requests oldest first (untriaged), or by votes', async () => {
    const { key: p } = await h.buildProduct(owner);
    await h.addMember(p, owner, sales, 'stakeholder');
    await h.addMember(p, owner, marketing, 'stakeholder');
    const titles = ['Oldest', 'Middle', 'Newest'];
    const ids: number[] = [];
    for (const title of titles) {
      ids.push((await post(sales, `/api/products/${p}/requests`, { title, customer: 'Acme', impact: 'low' })).json().id);
      h.clock.advance(60_000);
    }
    await post(marketing, `/api/requests/${ids[2]}/votes`);
    const oldest = await get(owner, `/api/products/${p}/requests?state=new`);
    expect(oldest.items.map((r: any) => r.title)).toEqual(titles);
    expect(oldest.total).toBe(3);
    const byVotes = await get(owner, `/api/products/${p}/requests?state=new&sort=votes`);
    expect(byVotes.items.map((r: any) => r.title)).toEqual(['Newest', 'Oldest', 'Middle']);
    expect((await get(owner, `/api/products/${p}/requests?state=new&q=midd`)).items.map((r: any) => r.title)).toEqual(['Middle']);
  });

  it('links requests to an item that adds up their distinct voters and customers, and shows them on the item', async () => {
    const item = await newItem('Invoices as PDF');
    const a = await submit(sales, 'PDF invoices', 'Acme Corp');
    const b = await submit(marketing, 'Printable invoices', 'Globex');
    await post(sales, `/api/requests/${b.id}/votes`); // Sam voted for both: counts once on the item
    await post(marketing, `/api/requests/${b.id}/customers`, { customer: 'acme corp' }); // Acme twice: once on the item
    for (const r of [a, b]) {
      const res = await post(owner, `/api/requests/${r.id}/triage`, { action: 'link', itemKey: item.key });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ state: 'linked', item: { key: item.key }, triagedBy: { id: owner.id } });
    }
    const detail = await get(dev, `/api/items/${item.key}`);
    expect(detail).toMatchObject({ requests: 2, votes: 2, customers: 2 });
    const linked = await get(dev, `/api/items/${item.key}/requests`);
    expect(linked.items.map((r: any) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(linked.votes).toBe(2);
    expect(linked.customers).toEqual(['Acme Corp', 'Globex']);
    const board = await get(dev, `/api/products/${key}/board`);
    expect(board.columns.flatMap((c: any) => c.cards).find((c: any) => c.key === item.key).votes).toBe(2);
    const byVotes = await get(dev, `/api/products/${key}/items?sort=votes&limit=1`);
    expect(byVotes.items[0]).toMatchObject({ key: item.key, votes: 2 });
    expect(await bell(sales)).toContainEqual(
      expect.objectContaining({ kind: 'request_status', title: `Your request “PDF invoices” was linked to ${item.key} Invoices as PDF` }),
    );
    // Withdrawing from one linked request leaves Sam's other vote counting.
    await h.api(sales, { method: 'DELETE', url: `/api/requests/${b.id}/votes` });
    expect((await get(dev, `/api/items/${item.key}`)).votes).toBe(2);
    await h.api(marketing, { method: 'DELETE', url: `/api/requests/${b.id}/votes` });
    expect((await get(dev, `/api/items/${item.key}`)).votes).toBe(1);
  });

  it('tells requester and voters when the linked item is done, once, whichever way it got there', async () => {
    const states = (await get(owner, `/api/products/${key}/states`)).items as Array<{ id: number; name: string }>;
    const done = states.find((s) => s.name === 'Done')!.id;
    const inProgress = states.find((s) => s.name === 'In progress')!.id;
    const moved = await newItem('Shipped by a move');
    const bulk = await newItem('Shipped in bulk');
    const r1 = await submit(sales, 'Move me');
    const r2 = await submit(sales, 'Bulk me');
    await post(marketing, `/api/requests/${r2.id}/votes`);
    await post(owner, `/api/requests/${r1.id}/triage`, { action: 'link', itemKey: moved.key });
    await post(owner, `/api/requests/${r2.id}/triage`, { action: 'link', itemKey: bulk.key });
    expect((await post(dev, `/api/items/${moved.key}/move`, { stateId: done, position: 'top' })).statusCode).toBe(200);
    expect((await post(owner, `/api/products/${key}/items/bulk`, { keys: [bulk.key], stateId: done })).statusCode).toBe(200);
    const shipped = (await bell(sales)).filter((n) => n.title.startsWith('Done:'));
    expect(shipped.map((n) => n.title).sort()).toEqual(
      [
        `Done: ${bulk.key} Shipped in bulk, which your request “Bulk me” asked for`,
        `Done: ${moved.key} Shipped by a move, which your request “Move me” asked for`,
      ].sort(),
    );
    expect((await bell(marketing)).filter((n) => n.title.startsWith(`Done: ${bulk.key}`))).toHaveLength(1);
    // Reopened and done again: nobody is told twice.
    const item = await get(owner, `/api/items/${moved.key}`);
    await h.api(owner, { method: 'PATCH', url: `/api/items/${moved.key}`, payload: { stateId: inProgress, version: item.version } });
    await h.api(owner, { method: 'PATCH', url: `/api/items/${moved.key}`, payload: { stateId: done, version: item.version + 1 } });
    expect((await bell(sales)).filter((n) => n.title.startsWith(`Done: ${moved.key}`))).toHaveLength(1);
  });

  it('creates an item from a request, merges duplicates with their votes, declines with a reason', async () => {
    const r = await submit(sales, 'Refund to a different card', 'Initech', 'medium');
    const created = await post(owner, `/api/requests/${r.id}/triage`, { action: 'create' });
    expect(created.statusCode, created.body).toBe(200);
    const itemKey = created.json().item.key;
    const item = await get(owner, `/api/items/${itemKey}`);
    expect(item).toMatchObject({ title: 'Refund to a different card', requests: 1, votes: 1, customers: 1 });
    expect(item.description).toContain('Refund to a different card, please.');
    expect(item.description).toContain('Requested for Initech (impact: medium) by Sam Sales.');

    const dup = await submit(marketing, 'Refund onto another card', 'Umbrella');
    const merged = await post(owner, `/api/requests/${dup.id}/triage`, { action: 'merge', requestId: r.id });
    expect(merged.json()).toMatchObject({ state: 'merged', mergedInto: { id: r.id, title: 'Refund to a different card' } });
    expect(await get(owner, `/api/items/${itemKey}`)).toMatchObject({ votes: 2, customers: 2 });
    expect((await get(owner, `/api/requests/${r.id}`)).customers).toEqual(['Initech', 'Umbrella']);
    const voteOnMerged = await post(dev, `/api/requests/${dup.id}/votes`);
    expect(voteOnMerged.statusCode).toBe(409);
    expect(voteOnMerged.json().error.message).toBe(
      `This request was merged into request ${r.id} (“Refund to a different card”); vote there`,
    );

    const no = await submit(sales, 'Pay by fax');
    const declined = await post(owner, `/api/requests/${no.id}/triage`, { action: 'decline', reason: 'Fax is out of scope for payments.' });
    expect(declined.json()).toMatchObject({ state: 'declined', declineReason: 'Fax is out of scope for payments.' });
    expect(await bell(sales)).toContainEqual(
      expect.objectContaining({ title: 'Your request “Pay by fax” was declined: Fax is out of scope for payments.' }),
    );
  });

  it('refuses bad triage with a clear 4xx and changes nothing', async () => {
    const r = await submit(sales, 'Triage me once');
    const noReason = await post(owner, `/api/requests/${r.id}/triage`, { action: 'decline' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe('reason: say why the request is declined; the requester and voters read it');
    const noItem = await post(owner, `/api/requests/${r.id}/triage`, { action: 'link' });
    expect(noItem.statusCode).toBe(400);
    expect(noItem.json().error.message).toBe('itemKey: name the item to link the request to');
    const { key: other } = await h.buildProduct(owner);
    const foreign = (await post(owner, `/api/products/${other}/items`, { title: 'Elsewhere' })).json();
    const wrongProduct = await post(owner, `/api/requests/${r.id}/triage`, { action: 'link', itemKey: foreign.key });
    expect(wrongProduct.statusCode).toBe(400);
    expect(wrongProduct.json().error.message).toBe(
      `itemKey: ${foreign.key} is an item of another product; a request of ${key} links to an item of ${key}`,
    );
    const self = await post(owner, `/api/requests/${r.id}/triage`, { action: 'merge', requestId: r.id });
    expect(self.statusCode).toBe(400);
    const bySales = await post(sales, `/api/requests/${r.id}/triage`, { action: 'decline', reason: 'no' });
    expect(bySales.statusCode).toBe(403);
    expect((await get(owner, `/api/requests/${r.id}`)).state).toBe('new');

    const item = await newItem('Once');
    expect((await post(owner, `/api/requests/${r.id}/triage`, { action: 'link', itemKey: item.key })).statusCode).toBe(200);
    const twice = await post(owner, `/api/requests/${r.id}/triage`, { action: 'decline', reason: 'changed my mind' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe(`This request was already triaged: linked to ${item.key} by Olivia Owner`);
    expect((await get(owner, `/api/requests/${r.id}`)).state).toBe('linked');

    const empty = await post(sales, `/api/products/${key}/requests`, { title: ' ', customer: 'Acme', impact: 'low' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('title: must not be empty: say what is asked for in a line');
    const noCustomer = await post(sales, `/api/products/${key}/requests`, { title: 'x', customer: '', impact: 'low' });
    expect(noCustomer.json().error.message).toBe('customer: must not be empty: name the customer or segment that asks');
    const badImpact = await post(sales, `/api/products/${key}/requests`, { title: 'x', customer: 'a', impact: 'huge' });
    expect(badImpact.statusCode).toBe(400);
    const badLink = await post(sales, `/api/products/${key}/requests`, {
      title: 'x',
      customer: 'a',
      impact: 'low',
      link: 'javascript:alert(1)',
    });
    expect(badLink.json().error.message).toBe('link: must be a web address starting with http:// or https://');
    expect((await post(viewer, `/api/products/${key}/requests`, { title: 'x', customer: 'a', impact: 'low' })).statusCode).toBe(403);
  });

  it('gathers the owner’s inbox across products: questions waiting oldest first, requests to triage, unread mentions', async () => {
    const boss = await h.buildUser({ name: 'Bea Boss' });
    const { key: a } = await h.buildProduct(boss);
    const { key: b } = await h.buildProduct(boss);
    for (const p of [a, b]) await h.addMember(p, boss, dev, 'developer');
    await h.addMember(a, boss, sales, 'stakeholder');
    await post(dev, `/api/products/${a}/questions`, { body: 'Old question on A' });
    h.clock.advance(3_600_000);
    await post(dev, `/api/products/${b}/questions`, { body: 'Newer question on B' });
    await post(dev, `/api/products/${b}/questions`, { body: 'To someone else', addresseeId: dev.id }).then((r) =>
      expect(r.statusCode).toBe(201),
    );
    await post(sales, `/api/products/${a}/requests`, { title: 'Request on A', customer: 'Acme', impact: 'low' });
    const item = (await post(boss, `/api/products/${a}/items`, { title: 'Mention me' })).json();
    await post(dev, `/api/items/${item.key}/comments`, { body: 'What do you think, @Bea Boss?' });
    const inbox = await get(boss, '/api/inbox');
    expect(inbox.questions.items.map((q: any) => [q.body, q.productKey])).toEqual([
      ['Old question on A', a],
      ['Newer question on B', b],
    ]);
    expect(inbox.requests.items.map((r: any) => r.title)).toEqual(['Request on A']);
    expect(inbox.mentions.items.map((n: any) => n.title)).toEqual([`Dev Patel mentioned you in a comment on ${item.key}`]);
    expect(inbox.total).toBe(4);
    const devInbox = await get(dev, '/api/inbox');
    expect(devInbox.questions.items).toEqual([]); // asked by Dev, even the one addressed to Dev
    const page = await get(boss, '/api/inbox/questions?limit=1');
    expect(page).toMatchObject({ total: 2, nextCursor: '1' });
  });
});
