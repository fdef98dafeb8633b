/**
 * Plain-language "how to call" notes for each kind of gateway authentication, so a reader
 * knows what to send without reading Kong's plugin docs.
 */
import type { AuthRequirement, PerEnvironment, RateLimit } from '../gateway/types.ts';
import { CONFIGURED_PER_ENVIRONMENT, isConfiguredPerEnvironment } from '../gateway/templated-values.ts';
import { openidConnectWays } from '../gateway/plugins/openid-connect.ts';

export interface AuthNote {
  title: string;
  howTo: string;
}

function list(names: string[]): string {
  return names.map((n) => `\`${n}\``).join(' or ');
}

/** "named `a` or `b`", with what a template stood for said in words; `fallback` only when nothing was set. */
function namedAs(item: PerEnvironment, field: string, names: string[], fallback: string[]): string {
  if (!isConfiguredPerEnvironment(item, field)) return `named ${list(names.length ? names : fallback)}`;
  return names.length ? `named ${list(names)} or a name ${CONFIGURED_PER_ENVIRONMENT}` : `with a name ${CONFIGURED_PER_ENVIRONMENT}`;
}

/** A closing sentence when some of an item's settings are not published. */
function perEnvironmentNote(item: PerEnvironment): string {
  return item.configured_per_environment?.length ? ` Some of these settings are ${CONFIGURED_PER_ENVIRONMENT}.` : '';
}

export function describeAuth(auth: AuthRequirement): AuthNote {
  switch (auth.type) {
    case 'key-auth': {
      const where = [
        auth.key_in_header && 'a request header',
        auth.key_in_query && 'a query parameter',
        auth.key_in_body && 'a body field',
      ].filter(Boolean) as string[];
      return {
        title: 'API key',
        howTo:
          `Send your API key as ${where.join(', or ') || 'a request header'} ${namedAs(auth, 'key_names', auth.key_names, ['apikey'])}.` +
          perEnvironmentNote(auth),
      };
    }
    case 'basic-auth':
      return { title: 'HTTP Basic', howTo: 'Send `Authorization: Basic <base64 of username:password>`.' };
    case 'jwt': {
      const where = [
        auth.header_names.length && `the ${list(auth.header_names)} header (\`Bearer <token>\`)`,
        auth.uri_param_names.length && `the ${list(auth.uri_param_names)} query parameter`,
        auth.cookie_names.length && `the ${list(auth.cookie_names)} cookie`,
      ].filter(Boolean) as string[];
      return {
        title: 'JWT',
        howTo: `Send a signed JWT in ${where.join(', or ') || 'the Authorization header'}.` + perEnvironmentNote(auth),
      };
    }
    case 'oauth2':
      return {
        title: 'OAuth 2.0',
        howTo:
          `Obtain an access token (${auth.flows.join(', ') || 'see the API team'}) and send \`Authorization: Bearer <token>\`.` +
          (auth.scopes.length ? ` Scopes: ${auth.scopes.join(', ')}.` : '') +
          perEnvironmentNote(auth),
      };
    case 'openid-connect':
      return {
        title: 'OpenID Connect',
        howTo:
          openidConnectHowTo(auth.issuer, auth.auth_methods) +
          (auth.scopes.length ? ` Scopes: ${auth.scopes.join(', ')}.` : '') +
          perEnvironmentNote(auth),
      };
    case 'mtls-auth':
      return { title: 'Mutual TLS', howTo: 'Present a client certificate issued by a CA the gateway trusts.' };
    case 'hmac-auth':
      return {
        title: 'HMAC signature',
        howTo: 'Sign each request with your HMAC credentials and send the `Authorization` (or `Proxy-Authorization`) signature header with a `Date` header.',
      };
    case 'acl':
      return { title: 'Restricted', howTo: 'Access is limited to approved consumer groups; ask the API team for access.' };
  }
}

/** openid-connect accepts only its configured `auth_methods`; say those, not always "Bearer". */
function openidConnectHowTo(issuer: string | undefined, authMethods: readonly string[]): string {
  const provider = issuer ? `the issuer ${issuer}` : 'your identity provider';
  const { bearer, ways } = openidConnectWays(authMethods);
  if (ways.length === 0) return `Authenticate with ${provider}; ask the API team how.`;
  const intro = bearer ? `Obtain a token from ${provider}, then ` : `Authenticate with ${provider}: `;
  return `${intro}${ways.join('; or ')}.`;
}

export function authTypes(auths: readonly AuthRequirement[]): string[] {
  return [...new Set(auths.map((a) => a.type))];
}

export function describeRateLimit(limit: RateLimit): string {
  const isUnit = /^(second|minute|hour|day|month|year)$/.test(limit.window);
  return `${limit.limit.toLocaleString('en-US')} requests per ${isUnit ? limit.window : limit.window}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
