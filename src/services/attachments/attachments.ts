import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { INLINE_IMAGE_TYPES, type TAttachment } from '../../contract/attachments.js';
import type { AttachmentsTable, Conn } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { requireChild, requireItem } from '../access.js';
import { mutate, nowIso, type Actor, type ServiceContext, type TxContext } from '../context.js';
import { tooLarge, type FileStore } from './file-store.js';

type Row = Omit<AttachmentsTable, 'id'> & { id: number };

function store(ctx: { files?: FileStore }): FileStore {
  if (!ctx.files) throw new Error('attachments need a file store (ServiceContext.files)');
  return ctx.files;
}

/** What the first bytes say a file is, for the four image types shown inline; null for anything else. */
export function sniffImage(head: Buffer): (typeof INLINE_IMAGE_TYPES)[number] | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/**
 * The type a file is kept under: one of the inline image types only when its bytes are that image
 * (so a page renamed .png is not shown as one), otherwise what the uploader said if it looks like a
 * media type, otherwise application/octet-stream.
 */
export function storedType(claimed: string | undefined, head: Buffer): string {
  const image = sniffImage(head);
  if (image) return image;
  const type = (claimed ?? '').split(';')[0]!.trim().toLowerCase();
  if ((INLINE_IMAGE_TYPES as readonly string[]).includes(type)) return 'application/octet-stream';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) ? type : 'application/octet-stream';
}

export const isInline = (contentType: string) => (INLINE_IMAGE_TYPES as readonly string[]).includes(contentType);

const escapeLabel = (name: string) => name.replace(/([\\[\]])/g, '\\$1');

export function attachmentUrl(a: { id: number; name: string }) {
  return `/api/attachments/${a.id}/${encodeURIComponent(a.name)}`;
}

function present(a: Row, itemKey: string, uploader: { id: number; name: string } | null): TAttachment {
  const url = attachmentUrl(a);
  const inline = isInline(a.content_type);
  return {
    id: a.id,
    itemKey,
    name: a.name,
    contentType: a.content_type,
    size: Number(a.size),
    inline,
    url,
    markdown: `${inline ? '!' : ''}[${escapeLabel(a.name)}](${url})`,
    uploadedBy: uploader,
    createdAt: a.created_at,
  };
}

/**
 * Attaches a file to an item: anyone who may comment on it may attach (the file goes into a comment
 * or the description). The bytes are streamed to disk and hashed on the way; a body over the limit
 * is refused with 413 before it is all read, and nothing of it is kept.
 */
export async function uploadAttachment(
  ctx: ServiceContext,
  actor: Actor,
  input: { key: string; name: string; contentType?: string; contentLength?: number; body: Readable },
): Promise<TAttachment> {
  const files = store(ctx);
  const { item } = await requireItem(ctx.db, actor, input.key, 'comment.create');
  if (input.contentLength !== undefined && input.contentLength > files.maxBytes) throw tooLarge(files.maxBytes);
  const stored = await files.put(input.body);
  const contentType = storedType(input.contentType, stored.head);
  const row = await mutate(ctx, (tx) =>
    tx.db
      .insertInto('attachments')
      .values({
        product_id: item.product_id,
        item_id: item.id,
        uploader_id: actor.userId,
        name: input.name,
        content_type: contentType,
        size: stored.size,
        sha256: stored.sha256,
        created_at: nowIso(tx),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return present(row, item.key, { id: actor.userId, name: actor.name });
}

/** The files on an item, oldest first, to anyone who can read it. */
export async function listAttachments(ctx: ServiceContext, actor: Actor, key: string): Promise<TAttachment[]> {
  const { item } = await requireItem(ctx.db, actor, key, 'product.read');
  const rows = await ctx.db
    .selectFrom('attachments')
    .leftJoin('users', 'users.id', 'attachments.uploader_id')
    .selectAll('attachments')
    .select(['users.name as uploaderName'])
    .where('attachments.item_id', '=', item.id)
    .orderBy('attachments.id')
    .execute();
  return rows.map(({ uploaderName, ...r }) =>
    present(r, item.key, r.uploader_id !== null && uploaderName !== null ? { id: r.uploader_id, name: uploaderName } : null),
  );
}

/** An attachment's bytes and how to serve them, to anyone who can read its item; 404 for everyone else. */
export async function openAttachment(ctx: ServiceContext, actor: Actor, id: number) {
  const files = store(ctx);
  const { row } = await requireChild(ctx.db, actor, { table: 'attachments', id }, 'product.read');
  const file = files.pathOf(row.sha256);
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file);
    stream = fs.createReadStream(file);
  } catch {
    throw new AppError('not_found', `The file of attachment ${id} is missing from the attachments directory`);
  }
  return {
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    inline: isInline(row.content_type),
    stream,
  };
}

/**
 * Deletes the attachments of items being purged, and then the files no other attachment uses.
 * Rows go in the caller's transaction (or with the item, by the foreign key); files only after it
 * commits, as a rolled-back purge must leave them.
 */
export async function purgeAttachments(tx: TxContext, root: Conn, itemIds: number[]) {
  if (itemIds.length === 0) return;
  const rows = await tx.db.deleteFrom('attachments').where('item_id', 'in', itemIds).returning('sha256').execute();
  const hashes = [...new Set(rows.map((r) => r.sha256))];
  const files = tx.files;
  if (!files || hashes.length === 0) return;
  // A file that fails to go is only disk space: the purge itself has committed.
  tx.afterCommit(() => void removeUnusedFiles(root, files, hashes).catch(() => {}));
}

/** Removes the files among `hashes` that no attachment row refers to any more. */
export async function removeUnusedFiles(db: Conn, files: FileStore, hashes: string[]): Promise<number> {
  if (hashes.length === 0) return 0;
  const used = new Set((await db.selectFrom('attachments').select('sha256').where('sha256', 'in', hashes).execute()).map((r) => r.sha256));
  const unused = hashes.filter((h) => !used.has(h));
  await Promise.all(unused.map((h) => files.remove(h)));
  return unused.length;
}
