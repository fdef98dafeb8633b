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

/** Methods where the caller sends a token as `Authorization: Bearer …` (Kong validates it). */
const TOKEN_METHODS = ['bearer', 'introspection', 'kong_oauth2', 'userinfo'];

/**
 * What a caller does for each configured `auth_methods` entry, in words. Only these are ways
 * in: with `[authorization_code, session]` a Bearer token is refused.
 */
export function openidConnectWays(authMethods: readonly string[]): { bearer: boolean; ways: string[] } {
  // No list is Kong's default: every method (Kong's schema refuses an empty one).
  const methods = authMethods.length > 0 ? authMethods : AUTH_METHODS;
  const has = (method: string) => methods.includes(method);
  const ways: string[] = [];
  const bearer = TOKEN_METHODS.some(has);
  if (bearer) ways.push('send an access token as `Authorization: Bearer <token>`');
  if (has('client_credentials')) ways.push('send your client ID and secret (HTTP Basic) and the gateway gets the token');
  if (has('password')) ways.push('send a username and password (HTTP Basic) and the gateway gets the token');
  if (has('refresh_token')) ways.push('send a refresh token');
  if (has('authorization_code')) ways.push('sign in in a browser: the gateway redirects to the identity provider');
  if (has('session')) ways.push('use the session cookie from an earlier sign-in');
  return { bearer, ways };
}

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
