/**
 * Test helpers for gateway resolution: the real decK fixtures, parsed, and the list of every
 * secret-like value in a decK document (what must never reach an output).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const SHARED = fileURLToPath(new URL('../../fixtures/shared/', import.meta.url));

export const FIXTURES = {
  kongair: 'kongair/kong.yaml',
  kong2kic: 'deck/kong2kic-input.yaml',
  convert11: 'deck/convert-11-input.yaml',
} as const;

/** A fixture parsed as the loader would: the plain object from the YAML parser. */
export function loadDeck(relative: string): Record<string, unknown> {
  return parse(readFileSync(SHARED + relative, 'utf8')) as Record<string, unknown>;
}

export const PRODUCTION = { name: 'production', control_plane: 'prod' };

/** Keys whose string values are credentials or operator-only details, wherever they appear. */
const SECRET_KEY =
  /^(password|secret|key|cert|client_id|client_secret|aws_key|aws_secret|provision_key|account_email|custom_id|subject_name|username|group|allow|deny|http_endpoint|introspection_url|ldap_host|function_name|namespace|target)$|_(secret|password|key)$|certificate/;

/**
 * Every value in the document that must never appear in output: values under secret-like keys
 * (recursively), PEM blocks (and each of their lines, since JSON escapes the newlines between
 * them), vault references, consumer and consumer-group names, upstream names and targets,
 * service hosts and URLs.
 */
export function collectSecrets(doc: unknown): string[] {
  const found = new Set<string>();
  const add = (value: string) => {
    if (value.trim() === '') return;
    found.add(value);
    if (value.includes('\n')) {
      for (const line of value.split('\n')) if (line.trim().length >= 8) found.add(line.trim());
    }
  };
  const walk = (value: unknown, secret: boolean): void => {
    if (typeof value === 'string') {
      if (secret || value.includes('-----BEGIN') || value.includes('{vault://')) add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, secret);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, secret || SECRET_KEY.test(key));
    }
  };
  walk(doc, false);

  const record = doc as Record<string, unknown>;
  for (const group of asList(record.consumer_groups)) addString(add, group.name);
  for (const consumer of asList(record.consumers)) {
    for (const group of asList(consumer.groups)) addString(add, group.name);
  }
  for (const upstream of asList(record.upstreams)) addString(add, upstream.name);
  for (const service of asList(record.services)) {
    addString(add, service.host);
    if (typeof service.url === 'string') {
      add(service.url);
      add(new URL(service.url).hostname);
    }
  }
  return [...found];
}

/**
 * The secrets that occur in `text` as whole tokens: a needle counts where it is not part of a
 * longer name (`example.com` inside `auth.example.com` is a different host).
 */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => {
    const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![A-Za-z0-9_.-])${escaped}(?![A-Za-z0-9_.-])`).test(text);
  });
}

function asList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : [];
}

function addString(add: (value: string) => void, value: unknown): void {
  if (typeof value === 'string') add(value);
}
