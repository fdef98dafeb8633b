/**
 * Streams an input line by line in constant memory while hashing it, so an ingest can tell
 * which lines it already counted.
 *
 * The hash covers each line's bytes followed by "\n" (a file whose last line lacks its
 * newline hashes like the same file with it). `known` holds hashes of line prefixes from
 * the snapshot's ledger: when the first n lines hash to a known value, those lines were
 * counted before and the sink is told to forget them. That makes re-ingesting a file a no-op
 * and re-ingesting a log that grew count only its new lines.
 *
 * A final line without a newline that the sink cannot use (a line Kong is still writing) is
 * left out of the hash and out of `lines`, so the next ingest reads it once it is complete.
 * Lines longer than MAX_LINE_BYTES are skipped without being held in memory.
 */
import { createHash, type Hash } from 'node:crypto';

export const MAX_LINE_BYTES = 1 << 20;

export interface LineSink {
  /**
   * One line (without its "\n"; a trailing "\r" is kept). Returns whether the line was
   * usable; this only matters for a last line without a newline.
   */
  line(text: string, lineNumber: number, terminated: boolean): boolean;
  overlong(lineNumber: number): void;
  /** Lines 1..n were counted by an earlier ingest: drop everything gathered so far. */
  alreadyIngested(lines: number): void;
}

export interface LineReadResult {
  /** Hash of lines 1..lines. */
  sha256: string;
  /** Lines covered by the hash (all lines, except an incomplete unterminated last line). */
  lines: number;
  /** Lines seen in total. */
  linesRead: number;
  /** Lines 1..alreadyIngested were counted before. */
  alreadyIngested: number;
}

/** Ledger prefixes: line count → hashes of the first that many lines. */
export type KnownPrefixes = ReadonlyMap<number, ReadonlySet<string>>;

export async function readLines(
  chunks: AsyncIterable<Uint8Array>,
  known: KnownPrefixes,
  sink: LineSink,
  /** Hashed before the content: inputs read with different meaning never share a ledger entry. */
  salt = '',
): Promise<LineReadResult> {
  const hash = createHash('sha256');
  if (salt) hash.update(salt);
  let lineNumber = 0;
  let alreadyIngested = 0;
  /** Bytes of the current line from earlier chunks (not hashed yet). */
  let carry: Buffer[] = [];
  let carryLength = 0;
  /** Set while skipping an overlong line; its bytes are hashed as they stream past. */
  let overlong = false;
  let hashBeforeOverlong: Hash | null = null;

  const checkKnown = (): void => {
    const hashes = known.get(lineNumber);
    if (hashes && hashes.has(hash.copy().digest('hex'))) {
      alreadyIngested = lineNumber;
      sink.alreadyIngested(lineNumber);
    }
  };

  for await (const piece of chunks) {
    const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let start = 0;
    /** Bytes of this chunk before hashedTo are in the hash already. */
    let hashedTo = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      if (newline === -1) break;
      lineNumber++;
      if (overlong || carryLength + (newline - start) > MAX_LINE_BYTES) {
        // Too long to be a log entry; its bytes still go into the hash (carry first).
        for (const part of carry) hash.update(part);
        carry = [];
        carryLength = 0;
        overlong = false;
        hashBeforeOverlong = null;
        sink.overlong(lineNumber);
      } else {
        let text: string;
        if (carryLength > 0) {
          // The line began in an earlier chunk: its first bytes go into the hash first.
          for (const part of carry) hash.update(part);
          text = Buffer.concat([...carry, chunk.subarray(start, newline)]).toString('utf8');
          carry = [];
          carryLength = 0;
        } else {
          text = chunk.toString('utf8', start, newline);
        }
        if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        sink.line(text, lineNumber, true);
      }
      start = newline + 1;
      if (known.has(lineNumber)) {
        hash.update(chunk.subarray(hashedTo, start));
        hashedTo = start;
        checkKnown();
      }
    }
    if (overlong) {
      hash.update(chunk.subarray(hashedTo));
      continue;
    }
    hash.update(chunk.subarray(hashedTo, start));
    if (start < chunk.length) {
      carry.push(chunk.subarray(start));
      carryLength += chunk.length - start;
      if (carryLength > MAX_LINE_BYTES) {
        hashBeforeOverlong = hash.copy();
        for (const part of carry) hash.update(part);
        carry = [];
        carryLength = 0;
        overlong = true;
      }
    }
  }

  let lines = lineNumber;
  if (overlong) {
    lineNumber++;
    sink.overlong(lineNumber);
    lines = lineNumber - 1;
    return { sha256: hashBeforeOverlong!.digest('hex'), lines, linesRead: lineNumber, alreadyIngested };
  }
  if (carryLength > 0) {
    lineNumber++;
    const bytes = Buffer.concat(carry);
    let text = bytes.toString('utf8');
    if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (sink.line(text, lineNumber, false)) {
      hash.update(bytes);
      hash.update('\n');
      lines = lineNumber;
      if (known.has(lineNumber)) checkKnown();
    }
  }
  return { sha256: hash.digest('hex'), lines, linesRead: lineNumber, alreadyIngested };
}
