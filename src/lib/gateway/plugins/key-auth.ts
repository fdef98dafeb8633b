/**
 * key-auth (and key-auth-enc, which only stores keys encrypted): where a caller puts the key.
 * Allow-list: `key_names`, `key_in_header`, `key_in_query`, `key_in_body`, with Kong's defaults.
 */
import { perEnvironmentMarker, readBoolean, readTextList } from './config-values.ts';
import type { PluginReader } from './summary.ts';

export const readKeyAuth: PluginReader = (config) => ({
  auth: {
    type: 'key-auth',
    key_names: readTextList(config, 'key_names', ['apikey']),
    key_in_header: readBoolean(config, 'key_in_header', true),
    key_in_query: readBoolean(config, 'key_in_query', true),
    key_in_body: readBoolean(config, 'key_in_body', false),
    ...perEnvironmentMarker(config, ['key_names', 'key_in_header', 'key_in_query', 'key_in_body']),
  },
});
