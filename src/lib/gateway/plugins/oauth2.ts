/**
 * oauth2 (Kong as the authorization server): which grant flows are enabled and the scopes.
 * Allow-list: `enable_authorization_code`, `enable_client_credentials`, `enable_implicit_grant`,
 * `enable_password_grant` (each false by default), `scopes`. The provision key stays out.
 */
import { perEnvironmentMarker, readBoolean, readTextList, sortedUnique } from './config-values.ts';
import type { PluginReader } from './summary.ts';

/** Config switch → the OAuth 2.0 grant name a client library knows. */
const FLOW_SWITCHES: readonly (readonly [string, string])[] = [
  ['enable_authorization_code', 'authorization_code'],
  ['enable_client_credentials', 'client_credentials'],
  ['enable_implicit_grant', 'implicit'],
  ['enable_password_grant', 'password'],
];

export const readOauth2: PluginReader = (config) => ({
  auth: {
    type: 'oauth2',
    flows: sortedUnique(FLOW_SWITCHES.filter(([key]) => readBoolean(config, key, false)).map(([, flow]) => flow)),
    scopes: readTextList(config, 'scopes', []),
    ...perEnvironmentMarker(config, [...FLOW_SWITCHES.map(([key]) => key), 'scopes']),
  },
});
