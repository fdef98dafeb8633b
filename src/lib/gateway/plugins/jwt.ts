/**
 * jwt: where Kong looks for the token. Allow-list: `header_names`, `uri_param_names`,
 * `cookie_names`, with Kong's defaults. Claims, key claim names and secrets stay out.
 */
import { perEnvironmentMarker, readTextList } from './config-values.ts';
import type { PluginReader } from './summary.ts';

export const readJwt: PluginReader = (config) => ({
  auth: {
    type: 'jwt',
    header_names: readTextList(config, 'header_names', ['authorization']),
    uri_param_names: readTextList(config, 'uri_param_names', ['jwt']),
    cookie_names: readTextList(config, 'cookie_names', []),
    ...perEnvironmentMarker(config, ['header_names', 'uri_param_names', 'cookie_names']),
  },
});
