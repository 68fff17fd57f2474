import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';

describeEachDialect('questions, answers and the decision log', (h: Harness) => {
  let owner: TestUser;
  let dev: TestUser;
  let qa: TestUser;
  let sales: TestUser;
  let outsider: TestUser;
  let key: string;

  beforeAll(async () => {
    owner = await h.buildUser({ name: 'Olivia Owner' });
    dev = await h.buildUser({ name: 'Dev Patel' });
    qa = await h.buildUser({ name: 'Quinn Tester' });
    sales = await h.buildUser({ name: 'Sam Sales' });
    outsider = await h.buildUser({ name: 'Otto Outsider' });
    ({ key } = await h.buildProduct(owner));
    await h.addMember(key, owner, dev, 'developer');
    await h.addMember(key, owner, qa, 'qa');
    await h.addMember(key, owner, sales, 'stakeholder');
  });

  const post = (user: TestUser, url: string, payload: Record<string, unknown>) => h.api(user, { method: 'POST', url, payload });
  const get = async (user: TestUser, url: string) => (await h.api(user, { method: 'GET', url })).json();
  const newItem = async (title: string) => (await post(owner, `/api/products/${key}/items`, { title })).json() as { key: string };
  const bell = async (user: TestUser) =>
    (await get(user, '/api/notifications?unread=true')).items as Array<{ kind: string; title: string; link: string }>;

  it('asks on an item, counts it on the item, its card and its row, and tells the owners', async () => {
    const item = await newItem('Export statements as CSV');
    const res = await post(dev, `/api/items/${item.key}/questions`, { body: 'Should export include archived items?' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      productKey: key,
      item: { key: item.key, title: 'Export statements as CSV' },
      asker: { id: dev.id, name: 'Dev Patel' },
      addressee: null,
      state: 'open',
      answer: null,
    });
    expect((await get(dev, `/api/items/${item.key}`)).openQuestions).toBe(1);
    const board = await get(dev, `/api/products/${key}/board`);
    const card = board.columns.flatMap((c: any) => c.cards).find((c: any) => c.key === item.key);
    expect(card.openQuestions).toBe(1);
    const row = (await get(dev, `/api/products/${key}/items`)).items.find((i: any) => i.key === item.key);
    expect(row.openQuestions).toBe(1);
    expect(await bell(owner)).toContainEqual(
      expect.objectContaining({
        kind: 'question_asked',
        title: `Dev Patel asked a question on ${item.key}`,
        link: `/p/${key}/items/${item.key}`,
      }),
    );
  });

  it('lists open questions oldest first with the total and the oldest one’s age', async () => {
    const { key: other } = await h.buildProduct(owner);
    for (const body of ['First?', 'Second?', 'Third?']) {
      await post(owner, `/api/products/${other}/questions`, { body });
      h.clock.advance(60_000);
    }
    const page = await get(owner, `/api/products/${other}/questions?state=open&limit=2`);
    expect(page.items.map((q: any) => q.body)).toEqual(['First?', 'Second?']);
    expect(page.total).toBe(3);
    expect(page.oldestOpenAt).toBe(page.items[0].createdAt);
    const next = await get(owner, `/api/products/${other}/questions?state=open&limit=2&cursor=${page.nextCursor}`);
    expect(next.items.map((q: any) => q.body)).toEqual(['Third?']);
    expect(next.nextCursor).toBeNull();
  });

  it('answers as a decision: the asker is told, the count drops, and the log lists it with its item', async () => {
    const item = await newItem('Archive old statements');
    const q = (await post(dev, `/api/items/${item.key}/questions`, { body: 'Keep archived statements for how long?' })).json();
    const other = await newItem('Statement retention setting');
    const res = await post(owner, `/api/questions/${q.id}/answer`, {
      body: 'Seven years, as the law asks.',
      decision: true,
      itemKeys: [other.key],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'answered', answer: { body: 'Seven years, as the law asks.', by: { id: owner.id } } });
    expect(res.json().decisionId).toEqual(expect.any(Number));
    expect((await get(dev, `/api/items/${item.key}`)).openQuestions).toBe(0);
    expect(await bell(dev)).toContainEqual(
      expect.objectContaining({
        kind: 'question_answered',
        title: `Olivia Owner answered your question on ${item.key} and recorded it as a decision`,
      }),
    );
    const log = await get(sales, `/api/products/${key}/decisions`);
    expect(log.items[0]).toMatchObject({
      title: 'Keep archived statements for how long?',
      body: 'Seven years, as the law asks.',
      decidedBy: { id: owner.id, name: 'Olivia Owner' },
      question: { id: q.id, asker: { id: dev.id } },
      items: [
        { key: item.key, title: 'Archive old statements' },
        { key: other.key, title: 'Statement retention setting' },
      ],
      supersedes: null,
      supersededBy: null,
    });
    expect((await get(sales, `/api/products/${key}/decisions?q=seven%20law`)).items).toHaveLength(1);
    expect((await get(sales, `/api/products/${key}/decisions?q=retention%20forever`)).items).toHaveLength(0);
    expect((await get(sales, `/api/products/${key}/decisions?itemKey=${other.key}`)).items).toHaveLength(1);
  });

  it('keeps a superseded decision in the log, linked both ways to the one that replaced it', async () => {
    const first = (await post(owner, `/api/products/${key}/decisions`, { title: 'CSV uses commas', body: 'Excel opens it.' })).json();
    const q = (await post(dev, `/api/products/${key}/questions`, { body: 'Semicolons for German Excel?' })).json();
    const answer = await post(owner, `/api/questions/${q.id}/answer`, {
      body: 'Yes: semicolons where the locale says so.',
      decision: true,
      supersedes: first.id,
    });
    expect(answer.statusCode).toBe(200);
    const log = (await get(owner, `/api/products/${key}/decisions?q=csv%20semicolons`)).items;
    const newer = (await get(owner, `/api/products/${key}/decisions`)).items.find((d: any) => d.id === answer.json().decisionId);
    expect(newer.supersedes).toMatchObject({ id: first.id, title: 'CSV uses commas' });
    const older = (await get(owner, `/api/products/${key}/decisions?q=commas`)).items.find((d: any) => d.id === first.id);
    expect(older.supersededBy).toMatchObject({ id: newer.id, title: 'Semicolons for German Excel?' });
    expect(log.length).toBeGreaterThanOrEqual(0);
    const again = await post(owner, `/api/products/${key}/decisions`, { title: 'Tabs!', supersedes: first.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(`Decision ${first.id} was already superseded by decision ${newer.id}; supersede that one`);
  });

  it('lets a question be addressed to a developer, who may answer it; stakeholders ask but do not answer', async () => {
    const item = await newItem('Webhook retries');
    const q = (await post(sales, `/api/items/${item.key}/questions`, { body: 'Do retries keep the order?', addresseeId: dev.id })).json();
    expect(q.addressee).toEqual({ id: dev.id, name: 'Dev Patel' });
    expect(await bell(dev)).toContainEqual(
      expect.objectContaining({ kind: 'question_asked', title: `Sam Sales asked you a question on ${item.key}` }),
    );
    const bySales = await post(sales, `/api/questions/${q.id}/answer`, { body: 'I think so' });
    expect(bySales.statusCode).toBe(403);
    const byQa = await post(qa, `/api/questions/${q.id}/answer`, { body: 'I think so' });
    expect(byQa.statusCode).toBe(403);
    const asDecision = await post(dev, `/api/questions/${q.id}/answer`, { body: 'Yes', decision: true });
    expect(asDecision.statusCode).toBe(403);
    expect(asDecision.json().error.message).toBe("Only the product's owners record decisions");
    const byDev = await post(dev, `/api/questions/${q.id}/answer`, { body: 'Yes, per endpoint.' });
    expect(byDev.statusCode).toBe(200);
    // The question_asked notification was read by answering it.
    expect((await bell(dev)).filter((n) => n.title === `Sam Sales asked you a question on ${item.key}`)).toEqual([]);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const item = await newItem('Refunds');
    const before = (await get(owner, `/api/products/${key}/questions?state=open`)).total;
    const empty = await post(dev, `/api/items/${item.key}/questions`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('body: must not be empty: write the question');
    const nul = await post(dev, `/api/items/${item.key}/questions`, { body: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toContain('body');
    const toSales = await post(dev, `/api/items/${item.key}/questions`, { body: 'Q?', addresseeId: sales.id });
    expect(toSales.statusCode).toBe(400);
    expect(toSales.json().error.message).toBe(
      `addresseeId: Sam Sales is a stakeholder of ${key} and cannot answer questions; ask an owner, a developer or QA`,
    );
    const toOutsider = await post(dev, `/api/items/${item.key}/questions`, { body: 'Q?', addresseeId: outsider.id });
    expect(toOutsider.statusCode).toBe(400);
    const mention = await post(dev, `/api/items/${item.key}/questions`, { body: 'What does @Otto Outsider think?' });
    expect(mention.statusCode).toBe(400);
    expect(mention.json().error.message).toBe(
      `body: @Otto Outsider is not a member of ${key}; only people with a role on the product can be mentioned`,
    );
    const otherProduct = await h.buildProduct(owner);
    const foreign = await post(owner, `/api/products/${otherProduct.key}/items`, { title: 'Elsewhere' });
    const wrongItem = await post(dev, `/api/products/${key}/questions`, { body: 'Q?', itemKey: foreign.json().key });
    expect(wrongItem.statusCode).toBe(400);
    expect(wrongItem.json().error.message).toBe(`itemKey: ${foreign.json().key} is not an item of ${key}`);
    expect((await get(owner, `/api/products/${key}/questions?state=open`)).total).toBe(before);

    const q = (await post(dev, `/api/items/${item.key}/questions`, { body: 'Partial refunds too?' })).json();
    const emptyAnswer = await post(owner, `/api/questions/${q.id}/answer`, { body: '' });
    expect(emptyAnswer.statusCode).toBe(400);
    expect(emptyAnswer.json().error.message).toBe('body: must not be empty: write the answer');
    const wrongLink = await post(owner, `/api/questions/${q.id}/answer`, { body: 'Yes', decision: true, itemKeys: [foreign.json().key] });
    expect(wrongLink.statusCode).toBe(400);
    expect(wrongLink.json().error.message).toBe(`itemKeys: ${foreign.json().key} is not an item of ${key}`);
    expect((await get(owner, `/api/items/${item.key}/questions`)).items[0].state).toBe('open');
    expect((await post(owner, `/api/questions/${q.id}/answer`, { body: 'Yes' })).statusCode).toBe(200);
    const twice = await post(owner, `/api/questions/${q.id}/answer`, { body: 'No' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('This question was already answered by Olivia Owner');
    expect((await get(owner, `/api/items/${item.key}/questions`)).items[0].answer.body).toBe('Yes');
    expect((await post(outsider, `/api/questions/${q.id}/answer`, { body: 'x' })).statusCode).toBe(404);
  });

  it('tells the people a comment, a question or an answer mentions, once, and not its author', async () => {
    const item = await newItem('Mentions');
    const comment = await post(dev, `/api/items/${item.key}/comments`, {
      body: '@Quinn Tester can you check this? cc @olivia and ann@example.com',
    });
    expect(comment.statusCode).toBe(201);
    expect(await bell(qa)).toContainEqual(
      expect.objectContaining({
        kind: 'mention',
        title: `Dev Patel mentioned you in a comment on ${item.key}`,
        link: `/p/${key}/items/${item.key}`,
      }),
    );
    expect((await bell(owner)).filter((n) => n.kind === 'mention' && n.title.includes(`comment on ${item.key}`))).toHaveLength(1);
    // Editing tells only the newly mentioned.
    const edited = await h.api(dev, {
      method: 'PATCH',
      url: `/api/comments/${comment.json().id}`,
      payload: { body: '@Quinn Tester can you check this? cc @Olivia Owner and @Sam Sales' },
    });
    expect(edited.statusCode).toBe(200);
    expect((await bell(qa)).filter((n) => n.kind === 'mention' && n.title.includes(`comment on ${item.key}`))).toHaveLength(1);
    expect((await bell(owner)).filter((n) => n.kind === 'mention' && n.title.includes(`comment on ${item.key}`))).toHaveLength(1);
    expect((await bell(sales)).filter((n) => n.kind === 'mention')).toHaveLength(1);
    const code = await post(dev, `/api/items/${item.key}/comments`, { body: 'Use `@Otto Outsider` as the example, and @Override is fine' });
    expect(code.statusCode).toBe(201);
    const refused = await post(dev, `/api/items/${item.key}/comments`, { body: 'Ask @Otto Outsider' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('@Otto Outsider is not a member');
  });
});
