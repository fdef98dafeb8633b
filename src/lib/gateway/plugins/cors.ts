/**
 * cors: which browser origins may call the API. Allow-list: `origins` (none configured means
 * Kong answers `*`), `methods` (Kong's default: all nine it knows), `credentials` (default false).
 * Headers, max age and private-network settings stay out.
 */
import { readBoolean, readTextList } from './config-values.ts';
import type { PluginReader } from './summary.ts';

const METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

export const readCors: PluginReader = (config) => {
  const origins = readTextList(config, 'origins', []);
  return {
    cors: {
      origins: origins.length === 0 ? ['*'] : origins,
      methods: readTextList(config, 'methods', METHODS, METHODS),
      credentials: readBoolean(config, 'credentials', false),
    },
  };
};
