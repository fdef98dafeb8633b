/**
 * The markdown twins (`<page>/index.md`) of the last build, kept in the page cache so an
 * incremental build copies the twin of an unchanged page instead of computing it again (an
 * operation's twin costs as much as its page). A twin is reused only when its page's route inputs
 * hash and Atrium's code are those of the build that wrote it (./page-cache.ts decides).
 *
 *   <page cache>/twins.pack       the last successful build's twins, one after another (UTF-8),
 *                                 then where each one is (page URL → [byte offset, byte length], JSON),
 *                                 then that JSON's byte offset (8 bytes)
 *   <page cache>/twins.pack.next  this build's, renamed into place when it succeeds
 *
 * One file, not one per page: a 15k-page portal would otherwise open, move and make a folder for
 * 15k files a build only to keep them. One rename replaces it whole, and a build that stops
 * before renaming leaves the page cache's lock, so the next build empties the cache anyway.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

const PACK = 'twins.pack';
const TRAILER_BYTES = 8;
/** Twins written to the next pack at once. */
const FLUSH_BYTES = 1 << 20;

type Where = [offset: number, length: number];

export class TwinStore {
  private readonly current: string;
  private readonly next: string;
  /** True when the page at `url` has the inputs it had in the build that wrote the stored twins. */
  private readonly unchanged: (url: string) => boolean;
  private stored: { bytes: Buffer; where: Map<string, Where> } | null | undefined;
  private readonly nextWhere: Record<string, Where> = {};
  private nextBytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(dir: string, unchanged: (url: string) => boolean) {
    this.unchanged = unchanged;
    this.current = path.join(dir, PACK);
    this.next = path.join(dir, `${PACK}.next`);
    // Left by the old layout (one file per page); nothing reads it.
    fs.rmSync(path.join(dir, 'twins'), { recursive: true, force: true });
    fs.writeFileSync(this.next, '');
  }

  /** The stored pack, read once when first asked; none when missing or not whole. */
  private load(): { bytes: Buffer; where: Map<string, Where> } | null {
    if (this.stored !== undefined) return this.stored;
    this.stored = null;
    try {
      const bytes = fs.readFileSync(this.current);
      if (bytes.length < TRAILER_BYTES) return null;
      const at = Number(bytes.readBigUInt64BE(bytes.length - TRAILER_BYTES));
      const where = JSON.parse(bytes.toString('utf8', at, bytes.length - TRAILER_BYTES)) as Record<string, Where>;
      this.stored = { bytes, where: new Map(Object.entries(where)) };
    } catch {
      // Missing or damaged: every twin is computed again.
    }
    return this.stored;
  }

  /** The stored twin of an unchanged page, else undefined (then it is computed). */
  reuse(url: string): string | undefined {
    if (!this.unchanged(url)) return undefined;
    const stored = this.load();
    const at = stored?.where.get(url);
    return at && at[0] + at[1] <= stored!.bytes.length - TRAILER_BYTES ? stored!.bytes.toString('utf8', at[0], at[0] + at[1]) : undefined;
  }

  /** Keeps this build's twin of `url` for the next build. */
  keep(url: string, markdown: string | Buffer): void {
    const bytes = typeof markdown === 'string' ? Buffer.from(markdown, 'utf8') : markdown;
    this.nextWhere[url] = [this.nextBytes, bytes.length];
    this.append(bytes);
  }

  private append(bytes: Buffer): void {
    this.nextBytes += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes > 0) fs.appendFileSync(this.next, Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** This build succeeded: its twins become the stored ones. */
  async commit(): Promise<void> {
    const at = this.nextBytes;
    this.append(Buffer.from(JSON.stringify(this.nextWhere), 'utf8'));
    const trailer = Buffer.alloc(TRAILER_BYTES);
    trailer.writeBigUInt64BE(BigInt(at));
    this.append(trailer);
    this.flush();
    await fsp.rename(this.next, this.current);
  }
}
