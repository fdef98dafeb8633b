/** Option values shared by several commands, checked once with a usage error on bad input. */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './exit-codes.ts';
import type { Audience } from '../src/lib/content/model.ts';

export function parseAudience(value: string): Audience {
  if (value === 'public' || value === 'internal') return value;
  throw new UsageError(`--audience must be "public" or "internal", not "${value}"`);
}

export function parseSite(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    /* fall through */
  }
  throw new UsageError(`--site must be an absolute http(s) URL such as https://developer.example.com, not "${value}"`);
}

export function parseBase(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\/?[A-Za-z0-9._~\-/]*$/.test(value)) throw new UsageError(`--base must be a URL path such as /docs/, not "${value}"`);
  return value;
}

/** `--content DIR` as an absolute path; a folder that does not exist is bad usage (exit 2). */
export function parseContentDir(value: string): string {
  const dir = path.resolve(value);
  if (!fs.existsSync(dir)) throw new UsageError(`content folder not found: ${value}`);
  return dir;
}
