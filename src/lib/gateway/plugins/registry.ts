/**
 * The allow-list of plugin kinds: a plugin reaches the portal only when its name is here, and
 * then only through its module's reader. A Map (not an object) so that a plugin named
 * `constructor` or `__proto__` finds nothing.
 */
import { readAcl } from './acl.ts';
import { readBasicAuth } from './basic-auth.ts';
import { readCors } from './cors.ts';
import { readHmacAuth } from './hmac-auth.ts';
import { readJwt } from './jwt.ts';
import { readKeyAuth } from './key-auth.ts';
import { readMtlsAuth } from './mtls-auth.ts';
import { readOauth2 } from './oauth2.ts';
import { readOpenidConnect } from './openid-connect.ts';
import { readRateLimitingAdvanced } from './rate-limiting-advanced.ts';
import { readRateLimiting } from './rate-limiting.ts';
import { readRequestSizeLimiting } from './request-size-limiting.ts';
import type { PluginConfig } from './config-values.ts';
import type { PluginReader, PluginSummary } from './summary.ts';

const READERS: ReadonlyMap<string, PluginReader> = new Map([
  ['acl', readAcl],
  ['basic-auth', readBasicAuth],
  ['cors', readCors],
  ['hmac-auth', readHmacAuth],
  ['jwt', readJwt],
  ['key-auth', readKeyAuth],
  // Enterprise variant that stores keys encrypted; callers send keys exactly as with key-auth.
  ['key-auth-enc', readKeyAuth],
  ['mtls-auth', readMtlsAuth],
  ['oauth2', readOauth2],
  ['openid-connect', readOpenidConnect],
  ['rate-limiting', readRateLimiting],
  ['rate-limiting-advanced', readRateLimitingAdvanced],
  ['request-size-limiting', readRequestSizeLimiting],
]);

/** Plugin names the portal reads, sorted. */
export const SUMMARISED_PLUGINS: readonly string[] = [...READERS.keys()].sort();

/** What a plugin tells a consumer, or undefined for a plugin kind not on the allow-list. */
export function summarisePlugin(name: string, config: PluginConfig): PluginSummary | undefined {
  return READERS.get(name)?.(config);
}
