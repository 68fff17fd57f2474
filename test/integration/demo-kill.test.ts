import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { REPO_ROOT, runOrdo } from '../support/ordo-process.js';
import { removeAbandonedDemos } from '../../src/cli/demo-builds.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';

/**
 * `ordo demo` killed with kill -9 half-way: nobody sees its half-built product while it is being
 * made, the next start of Ordo removes it and its people, and the same demo can be made again.
 */
describeEachDialect('ordo demo, killed half-way', (h) => {
  it('is hidden while it is built, gone after the next start, and can be made again in full', async () => {
    const where = h.dialect === 'sqlite' ? ['--data-dir', h.db.url] : ['--database-url', h.db.url];
    const admin = await h.buildUser({ name: 'Ada Admin', isAdmin: true });
    const usersBefore = await h.ctx.db.selectFrom('users').select('id').orderBy('id').execute();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', '--product', 'KILL', ...where], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.on('data', (d) => (printed += d));
    child.stderr.on('data', (d) => (printed += d));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      // Deep enough that the product, its people and some of its history are written.
      const items = () =>
        h.ctx.db
          .selectFrom('items')
          .innerJoin('products', 'products.id', 'items.product_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('products.key', '=', 'KILL')
          .executeTakeFirst();
      for (;;) {
        if (Number((await items())?.n ?? 0) >= 50) break;
        if (child.exitCode !== null) throw new Error(`ordo demo ended before it was killed:\n${printed}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      // Being built: an admin, who sees every product, sees neither it nor its portfolio row.
      const listed = await h.api(admin, { method: 'GET', url: '/api/products' });
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.map((p: { key: string }) => p.key)).not.toContain('KILL');
      expect((await h.api(admin, { method: 'GET', url: '/api/products/KILL' })).statusCode).toBe(404);
      const portfolio = await h.api(admin, { method: 'GET', url: '/api/portfolio' });
      expect(portfolio.statusCode).toBe(200);
      expect(JSON.stringify(portfolio.json())).not.toContain('KILL');
      expect((await h.api(admin, { method: 'GET', url: '/api/me' })).json().products).toEqual([]);
      // Nor its people, in the admin's list of accounts or when picking someone.
      const accounts = await h.api(admin, { method: 'GET', url: '/api/users' });
      expect(accounts.statusCode).toBe(200);
      expect(accounts.body).not.toContain('kill.example.com');
      const people = await h.api(admin, { method: 'GET', url: '/api/people?q=olivia' });
      expect(people.statusCode).toBe(200);
      expect(people.json().items).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(child.signalCode).toBe('SIGKILL');
    expect(await h.ctx.db.selectFrom('products').select('key').where('key', '=', 'KILL').execute()).toHaveLength(1);

    // Any command opens the runtime, which removes what the killed demo left.
    const list = await runOrdo(['user', 'list', ...where]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toContain('kill.example.com');
    expect(await h.ctx.db.selectFrom('products').select('key').execute()).toEqual([]);
    expect(await h.ctx.db.selectFrom('users').select('id').orderBy('id').execute()).toEqual(usersBefore);
    expect(await h.ctx.db.selectFrom('items').select('id').execute()).toEqual([]);
    expect(await h.ctx.db.selectFrom('demo_builds').select('id').execute()).toEqual([]);

    // The same demo again, to the end: the whole product, visible to the admin.
    const again = await runOrdo(['demo', '--product', 'KILL', ...where]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('KILL');
    const listedAfter = await h.api(admin, { method: 'GET', url: '/api/products' });
    expect(listedAfter.json().items.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(['KILL', 'KILLAPP']));
    const made = /KILL "Payments": (\d+) items \(\d+ done\), 6 sprints, 2 releases/.exec(again.stdout);
    expect(made, again.stdout).not.toBeNull();
    const product = await h.ctx.db
      .selectFrom('products')
      .select(['id', 'building_since'])
      .where('key', '=', 'KILL')
      .executeTakeFirstOrThrow();
    expect(product.building_since).toBeNull();
    const count = async (table: 'items' | 'sprints' | 'releases' | 'status_updates') =>
      Number(
        (
          await h.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('product_id', '=', product.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Items the team's and the reporting steps add come on top of those the history counts.
    expect(await count('items')).toBeGreaterThanOrEqual(Number(made![1]));
    expect(await count('sprints')).toBe(6);
    expect(await count('releases')).toBe(2);
    expect(await count('status_updates')).toBeGreaterThanOrEqual(3);
    expect(await h.ctx.db.selectFrom('users').select('email').where('email', 'like', '%@kill.example.com').execute()).toHaveLength(8);
    expect(await h.ctx.db.selectFrom('demo_builds').select('id').execute()).toEqual([]);
  }, 300_000);

  it('leaves a demo on another machine alone while it shows signs of life, and removes it after ten silent minutes', async () => {
    // As a demo run from another host against the same PostgreSQL would leave its mark: our pid check means nothing there.
    const mark = async (domain: string, silentMs: number) => {
      const alive = new Date(Date.now() - silentMs).toISOString();
      const values = { domain, users_after: 0, products_after: 0, host: 'another-machine', pid: 1, started_at: alive, alive_at: alive };
      await h.ctx.db.insertInto('demo_builds').values(values).execute();
    };
    const build = async (key: string) => {
      const owner = await seedUser(h.ctx, { name: 'Olivia Owner', domain: `${key.toLowerCase()}.example.com`, password: 'x'.repeat(12) });
      await seedProduct(h.ctx, owner.actor, { key, name: key, building: true });
    };
    await build('FAR');
    await mark('far.example.com', 2 * 60_000);
    await build('GONE');
    await mark('gone.example.com', 11 * 60_000);

    expect(await removeAbandonedDemos(h.ctx)).toBe(1);
    const keys = (await h.ctx.db.selectFrom('products').select('key').where('key', 'in', ['FAR', 'GONE']).execute()).map((p) => p.key);
    expect(keys).toEqual(['FAR']);
    const people = await h.ctx.db
      .selectFrom('users')
      .select('email')
      .where('email', 'in', ['olivia@far.example.com', 'olivia@gone.example.com'])
      .execute();
    expect(people).toEqual([{ email: 'olivia@far.example.com' }]);
    expect(await h.ctx.db.selectFrom('demo_builds').select('domain').execute()).toEqual([{ domain: 'far.example.com' }]);
  });
});
