/**
 * What a version's gateway link gives the portal, per environment (DESIGN §4).
 * Everything here comes from plugin configuration through an allow-list: only fields a
 * consumer needs to call the API. Nothing else of a decK file may reach these types.
 *
 * `configured_per_environment` lists the fields (config keys, or facts such as `base_urls`)
 * whose value in the decK file was a template or vault reference (`templated-values.ts`): the
 * value is not published and the page says "configured per environment" for it.
 */
import type { EnvironmentOperations } from './operation-facts.ts';

/** Field names whose value is set at deploy time; absent when there are none. */
export type PerEnvironment = { configured_per_environment?: string[] };

export type AuthRequirement =
  | ({
      type: 'key-auth';
      key_names: string[];
      /** Where Kong looks for the key. */
      key_in_header: boolean;
      key_in_query: boolean;
      key_in_body: boolean;
    } & PerEnvironment)
  | { type: 'basic-auth' }
  | ({ type: 'jwt'; header_names: string[]; uri_param_names: string[]; cookie_names: string[] } & PerEnvironment)
  | ({ type: 'oauth2'; flows: string[]; scopes: string[] } & PerEnvironment)
  | ({ type: 'openid-connect'; issuer?: string; scopes: string[]; auth_methods: string[] } & PerEnvironment)
  | { type: 'mtls-auth' }
  | { type: 'hmac-auth' }
  /** ACL: access restricted to some consumer groups; the group names are not published. */
  | { type: 'acl' };

export interface RateLimit {
  limit: number;
  /** `second` | `minute` | `hour` | `day` | `month` | `year`, or `<n> seconds` when not a unit. */
  window: string;
}

export interface ExposedRoute extends PerEnvironment {
  name?: string;
  methods: string[];
  /** Plain path prefixes. */
  paths: string[];
  /** Regex paths (`~...`) as written, shown as patterns, never as URLs. */
  path_patterns: string[];
  hosts: string[];
  protocols: string[];
  /** Auth that applies on this route (the environment's `auth` is the union over routes). */
  auth?: AuthRequirement[];
  /** Rate limits that apply on this route. */
  rate_limits?: RateLimit[];
  /**
   * False when Kong forwards the matched path unchanged (`strip_path: false`): the route path
   * is then part of the API's own paths, not a prefix in front of them.
   */
  strip_path?: boolean;
}

export interface ResolvedEnvironment extends PerEnvironment {
  /** Environment name from portal.yaml (falls back to the control plane name). */
  name: string;
  label?: string;
  control_plane: string;
  /** The service's name (its id when it has no name). */
  service: string;
  /** False when the service could not be found in the control plane's decK file. */
  resolved: boolean;
  /** True when the service is disabled (`enabled: false`): Kong exposes none of its routes. */
  disabled?: boolean;
  base_urls: string[];
  routes: ExposedRoute[];
  auth: AuthRequirement[];
  rate_limits: RateLimit[];
  cors?: { origins: string[]; methods: string[]; credentials: boolean } & PerEnvironment;
  /** From request-size-limiting, in bytes. */
  request_size_limit_bytes?: number;
  /** What Kong enforces per spec operation (DESIGN §4a); set when the version's spec is known. */
  gateway?: EnvironmentOperations;
}
