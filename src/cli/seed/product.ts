import type { Conn } from '../../db/schema.js';
import type { ProductRole } from '../../domain/roles.js';
import type { Actor, ServiceContext } from '../../services/context.js';
import { createProduct } from '../../services/products/create-product.js';
import { setMember } from '../../services/products/set-member.js';

export interface SeededProduct {
  key: string;
  id: number;
  /** a state's id by its name in the product's workflow ('To do'); throws on a name the workflow lacks */
  stateId(name: string): number;
}

/**
 * A product with the default workflow, owned by `owner`, with `members` in their roles (added by
 * the owner, in the order given). Creating a product takes an admin; the owner acts as one for that.
 */
export async function seedProduct(
  ctx: ServiceContext,
  owner: Actor,
  input: {
    key: string;
    name: string;
    vision?: string;
    members?: Array<{ actor: Actor; role: ProductRole }>;
    /** hidden from non-members until `ordo demo` finishes it (src/cli/demo-builds.ts) */
    building?: boolean;
  },
): Promise<SeededProduct> {
  await createProduct(
    ctx,
    { ...owner, isAdmin: true },
    { key: input.key, name: input.name, vision: input.vision },
    { building: input.building },
  );
  for (const m of input.members ?? []) await setMember(ctx, owner, input.key, { userId: m.actor.userId, role: m.role });
  return productStates(ctx.db, input.key);
}

/** An existing product's id and its states by name, read straight from the database. */
export async function productStates(db: Conn, key: string): Promise<SeededProduct> {
  const product = await db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow();
  const states = await db.selectFrom('workflow_states').select(['id', 'name']).where('product_id', '=', product.id).execute();
  return {
    key,
    id: product.id,
    stateId(name) {
      const state = states.find((s) => s.name === name);
      if (!state) throw new Error(`product ${key} has no state named ${name}`);
      return state.id;
    },
  };
}
