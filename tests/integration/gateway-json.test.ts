/**
 * DESIGN §4a end to end: a portal over KongAir's real decK file and specs writes
 * products/<product>/<version>/gateway.json in both audiences, with the routes that serve each
 * operation (one openapi2kong route per operation), their https URLs at the environment's
 * base URL, and jwt required where the bookings service has it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';

const KONGAIR = path.join(REPO_ROOT, 'tests/fixtures/shared/kongair');
let content: string;
let out: string;

async function version(product: string, spec: string, service: string): Promise<void> {
  const dir = path.join(content, 'products', product, 'versions', 'v1');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(content, 'products', product, 'product.yaml'), `name: ${product}\npublished: true\n`);
  await fs.writeFile(path.join(dir, 'version.yaml'), `publish_status: published\ngateway_services:\n  - control_plane: prod\n    service: ${service}\n`);
  await fs.copyFile(path.join(KONGAIR, spec), path.join(dir, 'openapi.yaml'));
}

beforeAll(async () => {
  const dir = await tempDir();
  content = path.join(dir, 'content');
  out = path.join(dir, 'out');
  await fs.mkdir(path.join(content, 'control-planes'), { recursive: true });
  await fs.copyFile(path.join(KONGAIR, 'kong.yaml'), path.join(content, 'control-planes', 'prod.yaml'));
  await fs.writeFile(
    path.join(content, 'portal.yaml'),
    'title: KongAir\nenvironments:\n  - name: production\n    control_plane: prod\n    base_url: https://api.kong-air.com\n',
  );
  await version('flights', 'flights.openapi.yaml', 'flights-service');
  await version('bookings', 'bookings.openapi.yaml', 'bookings-service');
}, 60_000);

describe('gateway.json for KongAir', () => {
  for (const audience of ['public', 'internal'] as const) {
    it(`states per operation what Kong enforces (${audience})`, async () => {
      const target = `${out}-${audience}`;
      const result = await runAtrium(['build', '--content', content, '--out', target, '--audience', audience]);
      expect(result.code, result.stderr).toBe(0);
      const flights = JSON.parse(await fs.readFile(path.join(target, 'products/flights/v1/gateway.json'), 'utf8'));
      expect(Object.keys(flights)).toEqual(['product', 'version', 'environments']);
      expect(flights.product).toBe('flights');
      expect(flights.version).toBe('v1');
      const [env] = flights.environments;
      expect(Object.keys(env)).toEqual(['name', 'control_plane', 'service', 'enabled', 'routes', 'operations', 'unrouted_operations', 'undocumented_routes']);
      expect(env).toMatchObject({ name: 'production', control_plane: 'prod', service: 'flights-service', enabled: true, unrouted_operations: [], undocumented_routes: [] });
      expect(env.routes).toContainEqual({
        name: 'flights-service_get-flights',
        protocols: ['https'],
        hosts: [],
        paths: ['~/flights$'],
        methods: ['GET'],
        headers: {},
        expression: null,
        strip_path: false,
      });
      const getFlights = env.operations.find((op: { method: string; path: string }) => op.method === 'get' && op.path === '/flights');
      expect(getFlights).toEqual({
        method: 'get',
        path: '/flights',
        served_by: [
          {
            route: 'flights-service_get-flights',
            urls: ['https://api.kong-air.com/flights'],
            auth: { required: false, any_of: [] },
            rate_limits: [],
            gateway_errors: [],
          },
        ],
      });

      const bookings = JSON.parse(await fs.readFile(path.join(target, 'products/bookings/v1/gateway.json'), 'utf8'));
      const postBooking = bookings.environments[0].operations.find((op: { method: string }) => op.method === 'post');
      expect(postBooking.served_by).toEqual([
        {
          route: 'bookings-service_post-booking',
          urls: ['https://api.kong-air.com/bookings'],
          auth: { required: true, any_of: [['jwt']] },
          rate_limits: [],
          gateway_errors: [401],
        },
      ]);
      // The operation page says which route serves it, at which URL, and what the gateway answers.
      const page = await fs.readFile(path.join(target, 'products/bookings/v1/reference/post-booking/index.html'), 'utf8');
      const gatewayAt = page.indexOf('id="through-the-gateway"');
      expect(gatewayAt).toBeGreaterThan(-1);
      const gateway = page.slice(gatewayAt, page.indexOf('</section>', gatewayAt));
      expect(gateway).toContain('bookings-service_post-booking');
      expect(gateway).toContain('https://api.kong-air.com/bookings');
      expect(gateway).toMatch(/<code>401<\/code> Unauthorized/);
      // The code samples call the serving route's URL, never the upstream.
      const samplesAt = Math.max(page.indexOf('id="code-samples"'), page.indexOf('id="request-samples"'));
      expect(samplesAt).toBeGreaterThan(-1);
      expect(page.slice(samplesAt)).toMatch(/curl[^<]*<[^]*https:\/\/api\.kong-air\.com\/bookings/);
      expect(page).not.toContain('bookings.kongair');
    }, 180_000);
  }
});
