import { Transform, type Readable } from 'node:stream';
import StreamJson from 'stream-json';
import { AppError } from '../../domain/errors.js';
import { ORDO_EXPORT_VERSIONS, SECTIONS, type TSectionName } from '../exports/ordo-format.js';

/**
 * What an Ordo export says, in the order it says it, read as a stream (stream-json tokens): one
 * event per row of an array section, so a reader holds one row at a time, never the file. Rows
 * are not checked here (the importer checks each against its schema); the file's shape is.
 */
export type OrdoEvent =
  | { kind: 'version'; version: (typeof ORDO_EXPORT_VERSIONS)[number] }
  | { kind: 'value'; section: 'exportedAt' | 'product'; value: unknown }
  | { kind: 'start'; section: ArraySection }
  | { kind: 'row'; section: ArraySection; index: number; value: unknown }
  | { kind: 'end'; section: ArraySection; count: number };

export type ArraySection = Exclude<TSectionName, 'product'>;

/** Where an attachment's `content` goes as it is read: base64 text in pieces, then its end. */
export interface ContentSink {
  write(base64: string): Promise<void> | void;
  /** what the row's `content` becomes */
  end(): Promise<unknown> | unknown;
}

export interface ReadOptions {
  /** sections to pass over without building their rows */
  skip?: (section: string) => boolean;
  /** takes the `content` of each attachment as it streams; without it, content is read as a string */
  content?: (index: number) => ContentSink;
  /** bytes read so far, as they are read */
  onBytes?: (bytes: number) => void;
}

export const failAt = (path: string, message: string) => new AppError('validation', `${path}: ${message}`, { fields: [{ path, message }] });

const notJson = (e: unknown) => failAt('(file)', `is not JSON (${e instanceof Error ? e.message : String(e)})`);

type Token = { name: string; value?: string };

/** Tokens in arrays of a thousand, so the reader awaits once per thousand tokens, not once per token. */
function batched(): Transform {
  let batch: Token[] = [];
  return new Transform({
    objectMode: true,
    transform(token: Token, _enc, done) {
      batch.push(token);
      if (batch.length >= 1000) {
        this.push(batch);
        batch = [];
      }
      done();
    },
    flush(done) {
      if (batch.length) this.push(batch);
      done();
    },
  });
}

/** Builds one JSON value from its tokens. */
class Builder {
  private readonly stack: (Record<string, unknown> | unknown[])[] = [];
  private readonly keys: (string | null)[] = [];
  private text: string[] = [];
  done = false;
  value: unknown;

  /** Feeds a token; true when it completed the value. */
  feed(t: Token): boolean {
    switch (t.name) {
      case 'startObject':
        this.stack.push({});
        this.keys.push(null);
        return false;
      case 'startArray':
        this.stack.push([]);
        this.keys.push(null);
        return false;
      case 'endObject':
      case 'endArray': {
        this.keys.pop();
        return this.add(this.stack.pop());
      }
      case 'keyValue':
        this.keys[this.keys.length - 1] = t.value!;
        return false;
      case 'startString':
        this.text = [];
        return false;
      case 'stringChunk':
        this.text.push(t.value!);
        return false;
      case 'endString': {
        const s = this.text.length === 1 ? this.text[0]! : this.text.join('');
        this.text = [];
        return this.add(s);
      }
      case 'numberValue':
        return this.add(Number(t.value));
      case 'trueValue':
        return this.add(true);
      case 'falseValue':
        return this.add(false);
      case 'nullValue':
        return this.add(null);
      default:
        return false;
    }
  }

  /** The key being filled in the object at the top, and how deep it is (1 = the value's own fields). */
  keyAt(depth: number): string | null {
    return this.stack.length === depth ? (this.keys[depth - 1] ?? null) : null;
  }

  /** Puts a value the caller read itself (an attachment's content) where the next value goes. */
  put(value: unknown) {
    this.add(value);
  }

  private add(v: unknown): boolean {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.value = v;
      this.done = true;
      return true;
    }
    if (Array.isArray(top)) top.push(v);
    else top[this.keys[this.keys.length - 1]!] = v;
    return false;
  }
}

const KNOWN = new Set<string>(SECTIONS);

/**
 * Reads an Ordo export's top level: `ordoExport` first (else it is not an export), then its
 * sections. Each section may appear once; an unknown one is passed over.
 */
export async function* readOrdoEvents(input: Readable, opts: ReadOptions = {}): AsyncGenerator<OrdoEvent> {
  const parser = StreamJson.parser({
    packKeys: true,
    streamKeys: false,
    packNumbers: true,
    streamNumbers: false,
    packStrings: false,
    streamStrings: true,
  });
  let bytes = 0;
  if (opts.onBytes)
    input.on('data', (chunk: Buffer | string) => {
      bytes += chunk.length;
      opts.onBytes!(bytes);
    });
  input.on('error', (e) => parser.destroy(e));
  const tokens = input.pipe(parser).pipe(batched());
  parser.on('error', (e) => tokens.destroy(e));

  /** 0: before the top object; 1: in it, between sections; 2: in a section */
  let depth = 0;
  let key: string | null = null;
  let section: string | null = null;
  let mode: 'value' | 'rows' | 'skip' = 'value';
  let nesting = 0;
  let builder: Builder | null = null;
  let index = 0;
  let first = true;
  let ended = false;
  const seen = new Set<string>();
  // An attachment's content, streamed to its sink instead of built.
  let sink: ContentSink | null = null;
  let inContent = false;

  try {
    for await (const batch of tokens as AsyncIterable<Token[]>) {
      for (const t of batch) {
        if (ended) throw failAt('(file)', 'is not JSON (there is more after its end)');
        if (depth === 0) {
          if (t.name !== 'startObject') throw failAt('(file)', 'is not an Ordo export (it is not a JSON object)');
          depth = 1;
          continue;
        }
        if (depth === 1) {
          if (t.name === 'endObject') {
            ended = true;
            continue;
          }
          if (t.name !== 'keyValue') continue;
          key = t.value!;
          if (first && key !== 'ordoExport')
            throw failAt('(file)', 'is not an Ordo export (it does not start with its "ordoExport" version)');
          if (seen.has(key)) throw failAt(key, 'appears twice');
          seen.add(key);
          first = false;
          depth = 2;
          section = key;
          index = 0;
          nesting = 0;
          mode =
            key === 'ordoExport' || key === 'exportedAt' || key === 'product'
              ? 'value'
              : KNOWN.has(key) && !opts.skip?.(key)
                ? 'rows'
                : 'skip';
          builder = mode === 'value' ? new Builder() : null;
          continue;
        }
        // depth 2: inside a section's value
        if (mode === 'value') {
          if (builder!.feed(t)) {
            const value = builder!.value;
            depth = 1;
            if (section === 'ordoExport') {
              if (!(ORDO_EXPORT_VERSIONS as readonly unknown[]).includes(value))
                throw failAt('ordoExport', `is ${JSON.stringify(value)}; this Ordo reads versions ${ORDO_EXPORT_VERSIONS.join(' and ')}`);
              yield { kind: 'version', version: value as (typeof ORDO_EXPORT_VERSIONS)[number] };
            } else yield { kind: 'value', section: section as 'exportedAt' | 'product', value };
          }
          continue;
        }
        if (mode === 'skip') {
          if (t.name === 'startObject' || t.name === 'startArray') nesting++;
          else if (t.name === 'endObject' || t.name === 'endArray') nesting--;
          if (nesting === 0 && t.name !== 'stringChunk' && t.name !== 'startString' && t.name !== 'keyValue') depth = 1;
          continue;
        }
        // mode 'rows': the section's array, then one row at a time
        if (nesting === 0) {
          if (t.name !== 'startArray') throw failAt(section!, 'must be a list');
          nesting = 1;
          yield { kind: 'start', section: section as ArraySection };
          continue;
        }
        if (!builder) {
          if (t.name === 'endArray') {
            depth = 1;
            yield { kind: 'end', section: section as ArraySection, count: index };
            continue;
          }
          builder = new Builder();
        }
        if (inContent) {
          if (t.name === 'stringChunk') await sink!.write(t.value!);
          else if (t.name === 'endString') {
            inContent = false;
            builder.put(await sink!.end());
            sink = null;
          }
          continue;
        }
        if (t.name === 'startString' && opts.content && section === 'attachments' && builder.keyAt(1) === 'content') {
          sink = opts.content(index);
          inContent = true;
          continue;
        }
        if (builder.feed(t)) {
          const value = builder.value;
          builder = null;
          yield { kind: 'row', section: section as ArraySection, index: index++, value };
        }
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A file that cannot be read (its error has a code) is not a file that is not JSON.
    if ((e as NodeJS.ErrnoException).code) throw e;
    throw notJson(e);
  } finally {
    input.destroy();
  }
  if (!ended) throw failAt('(file)', 'is not JSON (it ends before its last value does)');
}
