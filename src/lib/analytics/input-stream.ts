/**
 * Opening an ingest input: a file or stdin (`-`), gzip-compressed or not. Compression is
 * recognised by the gzip magic bytes, not the file name, so `access.log.1` rotated with
 * `compress` and piped input both work. Everything streams: nothing holds the whole input.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export interface IngestInput {
  /** As shown to the user: the path given on the command line, or `-` for stdin. */
  name: string;
  /** Raw bytes (compressed or not). */
  open(): AsyncIterable<Uint8Array>;
  /** Modification time in epoch ms, when the input is a file (Prometheus scrapes fall back to it). */
  mtime?: number;
}

/** An input for a path, or stdin for `-`. */
export async function fileInput(path: string): Promise<IngestInput> {
  if (path === '-') return { name: '-', open: () => process.stdin };
  const info = await stat(path);
  return { name: path, open: () => createReadStream(path, { highWaterMark: 1 << 20 }), mtime: info.mtimeMs };
}

/** An in-memory input (tests, generated data). */
export function bufferInput(name: string, content: string | Uint8Array, mtime?: number): IngestInput {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, open: () => once(bytes), mtime };
}

/** The input's bytes, gunzipped when they start with the gzip magic number. */
export async function* decodedChunks(raw: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = raw[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  if (head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1) {
    const gunzip = createGunzip();
    // pipeline destroys the gunzip stream with the source's error, so iterating it throws.
    pipeline(Readable.from(prepend(head, rest)), gunzip, () => {});
    yield* gunzip;
    return;
  }
  if (head.length > 0) yield head;
  yield* rest;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function* prepend(head: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head;
  yield* rest;
}
