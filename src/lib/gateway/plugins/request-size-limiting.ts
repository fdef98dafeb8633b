/**
 * request-size-limiting: the largest request body accepted, in bytes. Allow-list:
 * `allowed_payload_size` (default 128) and `size_unit` (default `megabytes`), converted with
 * Kong's factors (kilobytes = 1024 bytes, megabytes = 1048576 bytes).
 */
import { configuredPerEnvironment, readPositiveNumber, readText } from './config-values.ts';
import type { PluginReader } from './summary.ts';

const UNIT_BYTES: ReadonlyMap<string, number> = new Map([
  ['bytes', 1],
  ['kilobytes', 1024],
  ['megabytes', 1048576],
]);

export const readRequestSizeLimiting: PluginReader = (config) => {
  // A templated size or unit is not Kong's default 128 MB: say nothing but that it is set.
  if (configuredPerEnvironment(config, ['allowed_payload_size', 'size_unit']).length > 0) {
    return { configured_per_environment: ['request_size_limit_bytes'] };
  }
  const size = readPositiveNumber(config, 'allowed_payload_size') ?? 128;
  const factor = UNIT_BYTES.get(readText(config, 'size_unit') ?? 'megabytes');
  // An unknown unit is a config Kong itself rejects; publish nothing rather than a guess.
  return factor === undefined ? {} : { request_size_limit_bytes: size * factor };
};
