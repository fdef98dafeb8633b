/**
 * openid-connect: the issuer a client discovers, the scopes and the accepted auth methods.
 * Allow-list: `issuer` (only a plain https URL: no credentials, query or fragment), `scopes`
 * (default `openid`), `auth_methods` (Kong's default: all of them; unknown values dropped).
 * Client ids and secrets, session secrets and endpoints beyond the issuer stay out.
 */
import { perEnvironmentMarker, readText, readTextList } from './config-values.ts';
import type { PluginConfig } from './config-values.ts';
import type { PluginReader } from './summary.ts';

const AUTH_METHODS = [
  'authorization_code',
  'bearer',
  'client_credentials',
  'introspection',
  'kong_oauth2',
  'password',
  'refresh_token',
  'session',
  'userinfo',
];

export const readOpenidConnect: PluginReader = (config) => {
  const issuer = readPlainHttpsUrl(config, 'issuer');
  return {
    auth: {
      type: 'openid-connect',
      ...(issuer === undefined ? {} : { issuer }),
      scopes: readTextList(config, 'scopes', ['openid']),
      auth_methods: readTextList(config, 'auth_methods', AUTH_METHODS, AUTH_METHODS),
      ...perEnvironmentMarker(config, ['issuer', 'scopes', 'auth_methods']),
    },
  };
};

function readPlainHttpsUrl(config: PluginConfig, key: string): string | undefined {
  const text = readText(config, key);
  if (text === undefined || !URL.canParse(text)) return undefined;
  const url = new URL(text);
  const plain = url.protocol === 'https:' && !url.username && !url.password && !url.search && !url.hash;
  return plain && text.startsWith('https://') ? text : undefined;
}
