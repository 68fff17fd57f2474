import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from '../../domain/errors.js';

/** 25 MB: a large screenshot or a spec document; `ATTACHMENT_MAX_BYTES` changes it. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export interface StoredFile {
  sha256: string;
  size: number;
  /** the first bytes, to tell what the file really is */
  head: Buffer;
}

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * Attachment bytes on disk, content-addressed: a file is stored once under its sha256
 * (`ab/cd/abcd…`), whoever uploads it and however often. A directory shared by several processes
 * works the same (ATTACHMENTS_DIR on PostgreSQL setups): a file is written under a temporary name
 * and renamed into place, which is atomic, and two processes writing the same bytes write the same
 * file.
 */
export class FileStore {
  constructor(
    readonly dir: string,
    readonly maxBytes: number = DEFAULT_ATTACHMENT_MAX_BYTES,
  ) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /**
   * Streams `input` to disk while hashing it, never holding more than a chunk in memory; refuses
   * (413) as soon as it passes the size limit (the store's unless given), leaving nothing behind.
   * `created` says whether the bytes were new to the store.
   */
  async put(input: Readable, limit: number = this.maxBytes): Promise<StoredFile & { created: boolean }> {
    const tmpDir = path.join(this.dir, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const heads: Buffer[] = [];
    let headBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) return done(tooLarge(limit));
        hash.update(chunk);
        if (headBytes < 64) {
          heads.push(chunk.subarray(0, 64 - headBytes));
          headBytes += Math.min(chunk.length, 64 - headBytes);
        }
        done(null, chunk);
      },
    });
    // The request is piped rather than put in the pipeline: a pipeline would destroy it (and its
    // socket) on the size error, and the client would see a reset connection instead of the 413.
    const written = pipeline(meter, fs.createWriteStream(tmp, { flags: 'wx' }));
    const failed = (e: Error) => meter.destroy(e);
    input.once('error', failed);
    input.pipe(meter);
    try {
      await written;
    } catch (e) {
      input.unpipe(meter);
      // What is left of the body is read and dropped, so the answer reaches the client.
      input.resume();
      await fs.promises.rm(tmp, { force: true });
      throw e;
    } finally {
      input.off('error', failed);
    }
    const sha256 = hash.digest('hex');
    const final = this.pathOf(sha256);
    // The same bytes already stored: nothing to write (and the caller learns it wrote nothing new).
    const created = !fs.existsSync(final);
    if (created) {
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      await fs.promises.rename(tmp, final);
    } else await fs.promises.rm(tmp, { force: true });
    return { sha256, size, head: Buffer.concat(heads), created };
  }

  /** Copies bytes already known by their hash into the store (a restore). */
  async putBytes(sha256: string, bytes: Buffer): Promise<void> {
    const final = this.pathOf(sha256);
    if (fs.existsSync(final)) return;
    await fs.promises.mkdir(path.join(this.dir, 'tmp'), { recursive: true });
    const tmp = path.join(this.dir, 'tmp', `${Date.now()}-${randomBytes(8).toString('hex')}`);
    await fs.promises.writeFile(tmp, bytes);
    await fs.promises.mkdir(path.dirname(final), { recursive: true });
    await fs.promises.rename(tmp, final);
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }
}

export const tooLarge = (limit: number) =>
  new AppError('too_large', `The file is larger than ${megabytes(limit)}, the most Ordo accepts (ATTACHMENT_MAX_BYTES)`);
