/**
 * cors: which browser origins may call the API. Allow-list: `origins` (none configured means
 * Kong answers `*`), `methods` (Kong's default: all nine it knows), `credentials` (default false).
 * Headers, max age and private-network settings stay out.
 */
import { perEnvironmentMarker, readBoolean, readTextList } from './config-values.ts';
import type { PluginReader } from './summary.ts';

const METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

export const readCors: PluginReader = (config) => {
  const origins = readTextList(config, 'origins', []);
  const marker = perEnvironmentMarker(config, ['origins', 'methods', 'credentials']);
  // Only an empty origin list means `*`; origins set by a template are not "any".
  const templatedOrigins = marker.configured_per_environment?.includes('origins') ?? false;
  return {
    cors: {
      origins: origins.length === 0 && !templatedOrigins ? ['*'] : origins,
      methods: readTextList(config, 'methods', METHODS, METHODS),
      credentials: readBoolean(config, 'credentials', false),
      ...marker,
    },
  };
};
