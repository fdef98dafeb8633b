/**
 * Many small build results on disk by content hash, a few thousand to a file ("pack"). The
 * highlighted code of a large spec's reference is ~17,000 entries of ~5 KB: one file each
 * (./hashed-cache.ts) cost a cold GitHub build ~2.6 s of its main thread in open/write/rename
 * and a warm one a read and a utimes per entry. Here entries are gathered in memory and
 * written as one pack of up to `packBytes`, named by the hash of its bytes, to a temporary
 * name then renamed, on Node's I/O threads: a killed build leaves whole packs or none, and
 * two builds sharing the folder never write the same file.
 *
 * A pack is a header line, the JSON list of its entries' `[key, bytes]`, then the entries'
 * JSON texts back to back; a build lists the packs' headers on first use and reads an entry
 * with one positioned read. A pack whose header does not parse is deleted; an entry that does
 * not parse or that `accept` refuses is a miss (computed again, written to a new pack).
 *
 * Bounded like ./hashed-cache.ts, by pack: once the packs pass `maxBytes`, the least recently
 * used (modification time, renewed by a build's first hit in it) are deleted down to three
 * quarters of it. A later build of the same inputs reads the same keys, so the packs it uses
 * stay. The one-file-per-entry layout of earlier versions is deleted on first use.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashedCacheKey, type HashedCache } from './hashed-cache.ts';
import { isRunning } from './process-running.ts';

export interface PackedCacheOptions {
  /** Bound on the packs' total bytes; the least recently used packs go first. */
  maxBytes: number;
  /** A pack is written once the entries gathered reach this many bytes. */
  packBytes?: number;
  /** ...or this long after the first of them was set, so the last few are not lost at exit. */
  flushAfterMs?: number;
}

export interface PackedCache<T> extends HashedCache<T> {
  /** Writes the entries gathered so far and resolves once every entry set is on disk. */
  settled(): Promise<void>;
}

interface Pack {
  file: string;
  bytes: number;
  usedMs: number;
  /** Renewed by this process already (one utimes per pack, not per hit). */
  renewed: boolean;
  keys: string[];
}

interface Located {
  pack: Pack;
  /** Byte offset of the entry's text in the pack file, and its length. */
  at: number;
  bytes: number;
}

const PACK = '.pack';
const HEADER_CHUNK = 64 * 1024;

/** The header of `file`: its entries and where their texts start, or undefined when it is not a pack. */
function readHeader(file: string): { entries: [string, number][]; dataAt: number } | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    let head = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.alloc(HEADER_CHUNK);
      const read = fs.readSync(fd, chunk, 0, HEADER_CHUNK, head.length);
      head = Buffer.concat([head, chunk.subarray(0, read)]);
      const newline = head.indexOf(10);
      if (newline >= 0) {
        const entries = JSON.parse(head.subarray(0, newline).toString('utf8')) as unknown;
        const valid = Array.isArray(entries) && entries.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1]) && e[1] >= 0);
        return valid ? { entries: entries as [string, number][], dataAt: newline + 1 } : undefined;
      }
      if (read === 0) return undefined; // no header line: not a whole pack
    }
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A temporary file `<name>.<pid>.<random>.tmp` whose writer no longer runs. */
function abandonedTemp(name: string): boolean {
  const pid = Number(/\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name)?.[1]);
  return Number.isInteger(pid) && pid > 0 && !isRunning(pid);
}

/** `accept` checks a parsed entry's shape and returns it, or `undefined` to treat it as a miss. */
export function createPackedCache<T>(dir: string, accept: (parsed: unknown) => T | undefined, options: PackedCacheOptions): PackedCache<T> {
  const { maxBytes, packBytes = 4 * 2 ** 20, flushAfterMs = 250 } = options;
  const index = new Map<string, Located>();
  const packs = new Map<string, Pack>();
  let total = 0;
  let loaded = false;
  /** Entries set and not yet in a pack on disk: the next pack's, then those being written. */
  const gathering: [string, string][] = [];
  let gatheredBytes = 0;
  const writing = new Map<string, T>();
  const pending = new Set<Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function addPack(pack: Pack, entries: readonly [string, number][], dataAt: number): void {
    let at = dataAt;
    for (const [key, bytes] of entries) {
      index.set(key, { pack, at, bytes });
      at += bytes;
    }
    packs.set(pack.file, pack);
    total += pack.bytes;
  }

  function load(): void {
    if (loaded) return;
    loaded = true;
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no cache yet
    }
    // Sorted, so two builds reading the same folder settle a key found in two packs alike.
    for (const entry of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // The one-file-per-entry layout (two-hex-digit folders): never read again.
        if (/^[0-9a-f]{2}$/.test(entry.name)) void fs.promises.rm(file, { recursive: true, force: true }).catch(() => undefined);
        continue;
      }
      if (entry.name.endsWith('.tmp')) {
        if (abandonedTemp(entry.name)) fs.rmSync(file, { force: true });
        continue;
      }
      if (!entry.name.endsWith(PACK)) continue;
      const header = readHeader(file);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        continue; // swept by another build meanwhile
      }
      if (!header) {
        fs.rmSync(file, { force: true });
        continue;
      }
      addPack({ file, bytes: stat.size, usedMs: stat.mtimeMs, renewed: false, keys: header.entries.map(([key]) => key) }, header.entries, header.dataAt);
    }
  }

  function forget(pack: Pack): void {
    fs.rmSync(pack.file, { force: true });
    packs.delete(pack.file);
    total -= pack.bytes;
    for (const key of pack.keys) if (index.get(key)?.pack === pack) index.delete(key);
  }

  /** Never `just`, the pack written: it is the newest use even when its time ties with older ones. */
  function sweep(just: Pack): void {
    if (total <= maxBytes) return;
    const target = Math.floor(maxBytes * 0.75);
    const oldest = [...packs.values()].sort((a, b) => a.usedMs - b.usedMs || (a.file < b.file ? -1 : 1));
    for (const pack of oldest) {
      if (total <= target) break;
      if (pack !== just) forget(pack);
    }
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!gathering.length) return;
    const entries = gathering.splice(0);
    gatheredBytes = 0;
    const header = JSON.stringify(entries.map(([key, text]) => [key, Buffer.byteLength(text)]));
    const bytes = Buffer.from(`${header}\n${entries.map(([, text]) => text).join('')}`);
    const file = path.join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}${PACK}`);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const values = entries.map(([key]) => [key, writing.get(key)] as const);
    const write = (async () => {
      try {
        await fs.promises.writeFile(temp, bytes).catch(async () => {
          await fs.promises.mkdir(dir, { recursive: true });
          await fs.promises.writeFile(temp, bytes);
        });
        await fs.promises.rename(temp, file);
        const pack: Pack = { file, bytes: bytes.length, usedMs: Date.now(), renewed: true, keys: entries.map(([key]) => key) };
        const existing = packs.get(file);
        if (existing) forget(existing); // the same bytes again: now renamed over it
        addPack(pack, JSON.parse(header) as [string, number][], Buffer.byteLength(header) + 1);
        sweep(pack);
      } catch {
        // A pack not written is a miss next time; never a failed build.
        await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      } finally {
        for (const [key, value] of values) if (writing.get(key) === value) writing.delete(key);
      }
    })();
    pending.add(write);
    void write.then(() => pending.delete(write));
  }

  function read(located: Located): T | undefined {
    const text = Buffer.alloc(located.bytes);
    let fd: number | undefined;
    try {
      fd = fs.openSync(located.pack.file, 'r');
      if (fs.readSync(fd, text, 0, located.bytes, located.at) < located.bytes) return undefined;
    } catch {
      return undefined; // swept by another build: compute again
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    try {
      return accept(JSON.parse(text.toString('utf8')));
    } catch {
      return undefined; // corrupt: compute again (into a new pack)
    }
  }

  return {
    key: hashedCacheKey,
    get(key) {
      const queued = writing.get(key);
      if (queued !== undefined) return queued;
      load();
      const located = index.get(key);
      if (!located) return undefined;
      const value = read(located);
      if (value !== undefined && !located.pack.renewed) {
        // A hit is a use: renew the pack so the sweep keeps what builds still read.
        located.pack.renewed = true;
        located.pack.usedMs = Date.now();
        const seconds = located.pack.usedMs / 1000;
        try {
          fs.utimesSync(located.pack.file, seconds, seconds);
        } catch {
          // swept by another build meanwhile: the value read is still good
        }
      }
      return value;
    },
    set(key, value) {
      load();
      const text = JSON.stringify(value);
      writing.set(key, value);
      gathering.push([key, text]);
      gatheredBytes += text.length;
      if (gatheredBytes >= packBytes) flush();
      // A timer that keeps the process alive until the last entries are written.
      else timer ??= setTimeout(flush, flushAfterMs);
    },
    async settled() {
      flush();
      while (pending.size) await Promise.all(pending);
    },
  };
}
