/**
 * decK files (`deck gateway dump` shape) for the synthetic portal's three control planes:
 * one service per product version, with routes and the plugins the portal reads (key-auth
 * or openid-connect, rate-limiting, cors, request-size-limiting), so every version page
 * resolves real environments, base URLs and auth notes.
 */
import { productSlug } from './names.ts';

export const ENVIRONMENTS = [
  { name: 'development', control_plane: 'dev', label: 'Development', host: 'api.dev.bench.example' },
  { name: 'staging', control_plane: 'staging', label: 'Staging', host: 'api.staging.bench.example' },
  { name: 'production', control_plane: 'prod', label: 'Production', host: 'origin.prod.bench.example' },
] as const;

export const serviceName = (product: number, version: number): string => `${productSlug(product)}-v${version}`;

/** The newest version is not in production yet; older ones run everywhere. */
export function versionEnvironments(version: number, versions: number): (typeof ENVIRONMENTS)[number][] {
  return version === versions && versions > 1 ? ENVIRONMENTS.slice(0, 2) : [...ENVIRONMENTS];
}

export function syntheticDeck(controlPlane: string, products: number, versions: number): Record<string, unknown> {
  const env = ENVIRONMENTS.find((e) => e.control_plane === controlPlane)!;
  const services: Record<string, unknown>[] = [];
  for (let p = 0; p < products; p++) {
    for (let v = 1; v <= versions; v++) {
      if (!versionEnvironments(v, versions).includes(env)) continue;
      const name = serviceName(p, v);
      const auth =
        p % 5 === 4
          ? {
              name: 'openid-connect',
              config: {
                issuer: 'https://login.bench.example/realms/partners',
                auth_methods: ['bearer'],
                client_secret: ['bench-secret-never-published'],
                scopes: ['openid', `${productSlug(p)}:read`],
              },
            }
          : { name: 'key-auth', config: { key_names: ['apikey'], hide_credentials: true } };
      const plugins: Record<string, unknown>[] = [
        { ...auth, enabled: true },
        { name: 'rate-limiting', enabled: true, config: { minute: 60 * (1 + (p % 4)), hour: 2000, policy: 'local', limit_by: 'consumer' } },
      ];
      if (p % 2 === 0) {
        plugins.push({
          name: 'cors',
          enabled: true,
          config: { origins: ['https://developer.bench.example'], methods: ['GET', 'POST', 'PATCH', 'DELETE'], max_age: 3600 },
        });
      }
      services.push({
        name,
        id: fakeUuid(p, v, controlPlane),
        protocol: 'http',
        host: `${name}.internal`,
        port: 8080,
        path: '/',
        plugins,
        routes: [
          {
            name: `${name}-read`,
            hosts: [env.host],
            paths: [`/${productSlug(p)}/v${v}`],
            methods: ['GET', 'OPTIONS'],
            protocols: ['https'],
            strip_path: true,
          },
          {
            name: `${name}-write`,
            hosts: [env.host],
            paths: [`/${productSlug(p)}/v${v}`],
            methods: ['POST', 'PATCH', 'DELETE'],
            protocols: ['https'],
            strip_path: true,
            plugins: [
              { name: 'request-size-limiting', enabled: true, config: { allowed_payload_size: 1, size_unit: 'megabytes' } },
            ],
          },
        ],
        tags: ['bench'],
      });
    }
  }
  return {
    _format_version: '3.0',
    _konnect: { control_plane_name: `bench-${controlPlane}` },
    services,
    // Never read by the portal; present because real dumps have them.
    consumers: [{ username: 'bench-partner', keyauth_credentials: [{ key: 'bench-key-never-published' }] }],
  };
}

function fakeUuid(p: number, v: number, cp: string): string {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  const cpCode = [...cp].reduce((a, c) => a * 31 + c.charCodeAt(0), 7);
  return `${hex(p, 8)}-${hex(v, 4)}-4000-8000-${hex(cpCode, 12)}`;
}
