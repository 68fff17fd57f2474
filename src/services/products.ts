import { sql, type SqlBool } from 'kysely';
import type { Conn, ProductRow, WorkflowStateRow } from '../db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../domain/errors.js';
import type { ProductRole, Role } from '../domain/roles.js';
import { DEFAULT_WORKFLOW, type EntryRule, type StateCategory } from '../domain/workflow.js';
import { requireProduct } from './access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from './context.js';

export function presentState(s: WorkflowStateRow) {
  return {
    id: s.id,
    name: s.name,
    category: s.category as StateCategory,
    position: s.position,
    wipLimit: s.wip_limit,
    entryRules: JSON.parse(s.entry_rules) as EntryRule[],
    version: s.version,
  };
}

export function presentProduct(p: ProductRow, role: Role) {
  return {
    key: p.key,
    name: p.name,
    vision: p.vision,
    role,
    archivedAt: p.archived_at,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    lastEvent: p.last_event,
    version: p.version,
  };
}

async function canCreateProducts(db: Conn, actor: Actor) {
  if (actor.isAdmin) return true;
  const lead = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('user_id', '=', actor.userId)
    .where('role', '=', 'lead')
    .executeTakeFirst();
  return !!lead;
}

/** Creates a product with the default workflow; its creator becomes its owner. */
export async function createProduct(ctx: ServiceContext, actor: Actor, input: { key: string; name: string; vision?: string }) {
  if (!(await canCreateProducts(ctx.db, actor))) throw forbidden('Only an admin or a lead can create products');
  const taken = await ctx.db.selectFrom('products').select('id').where('key', '=', input.key).executeTakeFirst();
  if (taken) throw new AppError('conflict', `Product key ${input.key} is taken`, { fields: [{ path: 'key', message: 'is taken' }] });
  return mutate(ctx, async (tx) => {
    const now = nowIso(tx);
    const product = await tx.db
      .insertInto('products')
      .values({ key: input.key, name: input.name, vision: input.vision ?? '', created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('memberships')
      .values({ product_id: product.id, user_id: actor.userId, role: 'owner', created_at: now })
      .execute();
    await tx.db
      .insertInto('workflow_states')
      .values(
        DEFAULT_WORKFLOW.map((s, i) => ({
          product_id: product.id,
          name: s.name,
          category: s.category,
          position: i,
          wip_limit: s.wipLimit,
          entry_rules: JSON.stringify(s.entryRules),
        })),
      )
      .execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'product',
      entityId: product.id,
      action: 'created',
      after: { key: product.key, name: product.name },
    });
    const fresh = await tx.db.selectFrom('products').selectAll().where('id', '=', product.id).executeTakeFirstOrThrow();
    return presentProduct(fresh, actor.isAdmin ? 'admin' : 'owner');
  });
}

export async function listProducts(ctx: ServiceContext, actor: Actor, opts: { includeArchived?: boolean } = {}) {
  let q = ctx.db
    .selectFrom('products')
    .leftJoin('memberships', (j) => j.onRef('memberships.product_id', '=', 'products.id').on('memberships.user_id', '=', actor.userId))
    .selectAll('products')
    .select('memberships.role')
    .orderBy('products.name');
  if (!actor.isAdmin) q = q.where('memberships.role', 'is not', null);
  if (!opts.includeArchived) q = q.where('products.archived_at', 'is', null);
  const rows = await q.execute();
  return rows.map(({ role, ...p }) => presentProduct(p, actor.isAdmin ? 'admin' : (role as Role)));
}

export async function listStates(db: Conn, productId: number) {
  const rows = await db.selectFrom('workflow_states').selectAll().where('product_id', '=', productId).orderBy('position').execute();
  return rows.map(presentState);
}

export async function listMembers(db: Conn, productId: number) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'users.email', 'memberships.role'])
    .where('memberships.product_id', '=', productId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, role: r.role as Role }));
}

export async function getProduct(ctx: ServiceContext, actor: Actor, key: string) {
  const { product, role } = await requireProduct(ctx.db, actor, { key }, 'product.read');
  const [states, members, labels, epics] = await Promise.all([
    listStates(ctx.db, product.id),
    listMembers(ctx.db, product.id),
    ctx.db.selectFrom('item_labels').select('label').distinct().where('product_id', '=', product.id).orderBy('label').execute(),
    ctx.db
      .selectFrom('items')
      .select(['key', 'title'])
      .where('product_id', '=', product.id)
      // Literals, so the planner can prove the partial index items_live_epics applies.
      .where(sql<SqlBool>`type = 'epic' AND deleted_at IS NULL`)
      .orderBy('rank')
      .execute(),
  ]);
  return { ...presentProduct(product, role), states, members, labels: labels.map((l) => l.label), epics };
}

function checkVersion(current: number, expected: number | undefined, what: string, body: unknown) {
  if (expected === undefined) throw invalid('version', 'is required (send If-Match or "version")');
  if (expected !== current) throw new AppError('conflict', `${what} was changed by someone else`, { current: body });
}

export async function updateProduct(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: { name?: string; vision?: string; version?: number },
) {
  const { product, role } = await requireProduct(ctx.db, actor, { key }, 'product.update');
  if (input.version !== undefined) checkVersion(product.version, input.version, `Product ${key}`, presentProduct(product, role));
  return mutate(ctx, async (tx) => {
    const changes: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    for (const f of ['name', 'vision'] as const) {
      if (input[f] !== undefined && input[f] !== product[f]) {
        changes[f] = input[f];
        before[f] = product[f];
      }
    }
    const row = await tx.db
      .updateTable('products')
      .set((eb) => ({ ...changes, updated_at: nowIso(tx), version: eb('version', '+', 1) }))
      .where('id', '=', product.id)
      .$if(input.version !== undefined, (q) => q.where('version', '=', input.version!))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', `Product ${key} was changed by someone else`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'product',
      entityId: product.id,
      action: 'updated',
      before,
      after: changes,
    });
    return presentProduct(row, role);
  });
}

export async function setArchived(ctx: ServiceContext, actor: Actor, key: string, archived: boolean) {
  const { product, role } = await requireProduct(ctx.db, actor, { key }, 'product.archive');
  return mutate(ctx, async (tx) => {
    const row = await tx.db
      .updateTable('products')
      .set({ archived_at: archived ? nowIso(tx) : null, version: product.version + 1, updated_at: nowIso(tx) })
      .where('id', '=', product.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'product',
      entityId: product.id,
      action: archived ? 'archived' : 'restored',
    });
    return presentProduct(row, role);
  });
}

// ---- members ----

export async function setMember(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: { email?: string; userId?: number; role: ProductRole },
) {
  const { product, role: actorRole } = await requireProduct(ctx.db, actor, { key }, 'member.manage');
  if (input.role === 'lead' && actorRole !== 'admin' && actorRole !== 'lead')
    throw forbidden('Only an admin or a lead can grant the lead role');
  let q = ctx.db.selectFrom('users').select(['id', 'name', 'email']).where('disabled_at', 'is', null);
  if (input.userId !== undefined) q = q.where('id', '=', input.userId);
  else if (input.email) q = q.where('email', '=', input.email.trim().toLowerCase());
  else throw invalid('email', 'give email or userId');
  const user = await q.executeTakeFirst();
  if (!user)
    throw notFound(
      input.email
        ? `No one signs in as ${input.email} yet; an admin adds people under People (or with ordo user add)`
        : `User ${input.userId}`,
    );
  return mutate(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('memberships')
      .select('role')
      .where('product_id', '=', product.id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (existing?.role === 'lead' && actorRole !== 'admin' && actorRole !== 'lead')
      throw forbidden('Only an admin or a lead can change a lead');
    if (existing?.role === 'owner' && input.role !== 'owner') await ensureAnotherOwner(tx.db, product.id, user.id);
    if (existing) {
      await tx.db
        .updateTable('memberships')
        .set({ role: input.role })
        .where('product_id', '=', product.id)
        .where('user_id', '=', user.id)
        .execute();
    } else {
      await tx.db
        .insertInto('memberships')
        .values({ product_id: product.id, user_id: user.id, role: input.role, created_at: nowIso(tx) })
        .execute();
    }
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'member',
      entityId: user.id,
      action: existing ? 'role_changed' : 'added',
      before: existing ? { role: existing.role } : null,
      after: { role: input.role, name: user.name },
    });
    return { userId: user.id, name: user.name, email: user.email, role: input.role };
  });
}

async function ensureAnotherOwner(db: Conn, productId: number, leavingUserId: number) {
  const others = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('product_id', '=', productId)
    .where('role', 'in', ['owner', 'lead'])
    .where('user_id', '!=', leavingUserId)
    .executeTakeFirst();
  if (!others) throw new AppError('rule_violation', 'A product needs at least one owner or lead');
}

export async function removeMember(ctx: ServiceContext, actor: Actor, key: string, userId: number) {
  const { product, role: actorRole } = await requireProduct(ctx.db, actor, { key }, 'member.manage');
  return mutate(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('memberships')
      .select('role')
      .where('product_id', '=', product.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!existing) throw notFound('Member');
    if (existing.role === 'lead' && actorRole !== 'admin' && actorRole !== 'lead')
      throw forbidden('Only an admin or a lead can remove a lead');
    if (existing.role === 'owner' || existing.role === 'lead') await ensureAnotherOwner(tx.db, product.id, userId);
    await tx.db.deleteFrom('memberships').where('product_id', '=', product.id).where('user_id', '=', userId).execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'member',
      entityId: userId,
      action: 'removed',
      before: { role: existing.role },
    });
  });
}

// ---- workflow states ----

export async function createState(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: { name: string; category: StateCategory; wipLimit?: number | null; entryRules?: string[]; position?: number },
) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'workflow.manage');
  return mutate(ctx, async (tx) => {
    const states = await tx.db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).orderBy('position').execute();
    if (states.some((s) => s.name.toLowerCase() === input.name.toLowerCase())) throw invalid('name', `a state named ${input.name} exists`);
    const position = Math.min(input.position ?? states.length, states.length);
    await shiftPositions(tx.db, states, position, 1);
    const row = await tx.db
      .insertInto('workflow_states')
      .values({
        product_id: product.id,
        name: input.name,
        category: input.category,
        position,
        wip_limit: input.wipLimit ?? null,
        entry_rules: JSON.stringify(input.entryRules ?? []),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'state',
      entityId: row.id,
      action: 'created',
      after: presentState(row),
    });
    return presentState(row);
  });
}

async function shiftPositions(db: Conn, states: WorkflowStateRow[], from: number, by: number) {
  for (const s of states) {
    if (s.position >= from)
      await db
        .updateTable('workflow_states')
        .set({ position: s.position + by })
        .where('id', '=', s.id)
        .execute();
  }
}

export async function updateState(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  stateId: number,
  input: { name?: string; category?: StateCategory; wipLimit?: number | null; entryRules?: string[]; position?: number; version?: number },
) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'workflow.manage');
  return mutate(ctx, async (tx) => {
    const states = await tx.db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).orderBy('position').execute();
    const state = states.find((s) => s.id === stateId);
    if (!state) throw notFound(`State ${stateId}`);
    if (input.version !== undefined && input.version !== state.version)
      throw new AppError('conflict', `State ${state.name} was changed by someone else`, { current: presentState(state) });
    if (input.name && states.some((s) => s.id !== stateId && s.name.toLowerCase() === input.name!.toLowerCase()))
      throw invalid('name', `a state named ${input.name} exists`);
    if (input.position !== undefined && input.position !== state.position) {
      const order = states.filter((s) => s.id !== stateId);
      order.splice(Math.min(input.position, order.length), 0, state);
      for (const [i, s] of order.entries()) {
        if (s.position !== i) await tx.db.updateTable('workflow_states').set({ position: i }).where('id', '=', s.id).execute();
      }
    }
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.category !== undefined) changes.category = input.category;
    if (input.wipLimit !== undefined) changes.wip_limit = input.wipLimit;
    if (input.entryRules !== undefined) changes.entry_rules = JSON.stringify(input.entryRules);
    const row = await tx.db
      .updateTable('workflow_states')
      .set({ ...changes, version: state.version + 1 })
      .where('id', '=', stateId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'state',
      entityId: stateId,
      action: 'updated',
      before: presentState(state),
      after: presentState(row),
    });
    return presentState(row);
  });
}

export async function deleteState(ctx: ServiceContext, actor: Actor, key: string, stateId: number, moveTo?: number) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'workflow.manage');
  return mutate(ctx, async (tx) => {
    const states = await tx.db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).orderBy('position').execute();
    const state = states.find((s) => s.id === stateId);
    if (!state) throw notFound(`State ${stateId}`);
    if (states.length <= 1) throw new AppError('rule_violation', 'A workflow needs at least one state');
    const count = await tx.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state_id', '=', stateId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) > 0) {
      const target = states.find((s) => s.id === moveTo);
      if (!target || target.id === stateId)
        throw new AppError('rule_violation', `${state.name} holds ${count.n} items; give moveTo, the state to move them to`, {
          fields: [{ path: 'moveTo', message: 'is required while the state holds items' }],
        });
      await tx.db
        .updateTable('items')
        .set({ state_id: target.id, version: sql`version + 1` as any })
        .where('state_id', '=', stateId)
        .execute();
    }
    await tx.db.deleteFrom('workflow_states').where('id', '=', stateId).execute();
    await shiftPositions(
      tx.db,
      states.filter((s) => s.position > state.position),
      state.position + 1,
      -1,
    );
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'state',
      entityId: stateId,
      action: 'deleted',
      before: presentState(state),
    });
  });
}
