/**
 * How a consumer is kept in a snapshot: a pseudonymous key, the first 16 hex digits of a
 * SHA-256 of the consumer's id (else username, else custom_id), never the name itself. It is
 * enough to count distinct consumers exactly (a clash needs billions of consumers) and says
 * nothing a reader of the committed snapshot could use to call as them. Keys stay in the
 * snapshot: pages show only how many there are, and only in the internal audience.
 */
import { createHash } from 'node:crypto';

const cache = new Map<string, string>();

export function consumerKey(identity: string): string {
  let key = cache.get(identity);
  if (key === undefined) {
    key = createHash('sha256').update(`atrium-consumer\u0000${identity}`).digest('hex').slice(0, 16);
    // Log lines repeat a few consumers many times; a bounded cache keeps memory flat.
    if (cache.size > 100_000) cache.clear();
    cache.set(identity, key);
  }
  return key;
}

/** A snapshot's consumer key: 16 lower-case hex digits. */
export const CONSUMER_KEY = /^[0-9a-f]{16}$/;
