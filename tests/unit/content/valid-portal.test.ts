import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load-content.ts';
import { formatDiagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { cleanUpPortals, copyFixture, copyShared } from './helpers.ts';

cleanUpPortals();

/** tests/fixtures/content/valid with KongAir's real decK file and specs copied in. */
async function validPortal(): Promise<string> {
  const root = await copyFixture('valid');
  await copyShared('kongair/kong.yaml', root, 'control-planes/production.yaml');
  await copyShared('kongair/flights.openapi.yaml', root, 'products/flights/versions/v1/openapi.yaml');
  await copyShared('kongair/flights.openapi.yaml', root, 'products/flights/specs/flights-v2.yaml');
  await copyShared('kongair/flights.openapi.yaml', root, 'products/flights/versions/v10/openapi.yaml');
  await copyShared('kongair/bookings.openapi.yaml', root, 'products/bookings/versions/2024-01/bookings.openapi.yaml');
  return root;
}

describe('a valid portal', () => {
  it('loads with no diagnostic', async () => {
    const model = await loadContent(await validPortal());
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('reads portal.yaml with defaults filled in', async () => {
    const { portal } = await loadContent(await validPortal());
    expect(portal).toEqual({
      title: 'KongAir Developer Portal',
      description: 'APIs for flights and bookings.',
      site: 'https://developer.kong-air.com',
      environments: [
        { name: 'production', control_plane: 'production', label: 'Production', base_url: 'https://api.kong-air.com' },
        { name: 'staging', control_plane: 'staging' },
      ],
      analytics: { public: false },
      mermaid: { render: 'build' },
      plantuml: { server: 'https://plantuml.example.com' },
      branding: {
        accent_color: '#0b6bcb',
        footer_links: [
          { label: 'Status', url: 'https://status.kong-air.com' },
          { label: 'About', url: '/about/' },
        ],
      },
    });
  });

  it('keeps decK files raw, YAML and JSON alike', async () => {
    const { controlPlanes } = await loadContent(await validPortal());
    expect(controlPlanes.map((cp) => [cp.name, cp.file, cp.deck._format_version])).toEqual([
      ['production', 'control-planes/production.yaml', '3.0'],
      ['staging', 'control-planes/staging.json', '1.1'],
    ]);
    expect((controlPlanes[0].deck._plugin_configs as Record<string, unknown>)['default-jwt']).toBeDefined();
  });

  it('reads products, versions in display order, specs and docs', async () => {
    const { products } = await loadContent(await validPortal());
    expect(products.map((p) => p.slug)).toEqual(['bookings', 'flights']);
    const flights = products[1];
    expect(flights).toMatchObject({
      name: 'Flights',
      published: true,
      labels: { team: 'flight-data', tier: 'gold.1' },
      public_labels: { category: 'travel' },
      contact: { name: 'Flight Data team', email: 'flights@kong-air.com', url: 'https://kong-air.com/teams/flights' },
      analytics: { public: true },
    });
    // v1 < v2 < v10 by folder-derived names; v10's display name is v10-beta.
    expect(flights.versions.map((v) => [v.slug, v.name, v.spec])).toEqual([
      ['v1', 'v1', 'products/flights/versions/v1/openapi.yaml'],
      ['v2', 'v2', 'products/flights/specs/flights-v2.yaml'],
      ['v10', 'v10-beta', 'products/flights/versions/v10/openapi.yaml'],
    ]);
    const [v1, v2] = flights.versions;
    expect(v1).toMatchObject({
      publish_status: 'published',
      deprecated: true,
      deprecation: { message: 'v1 is replaced by v2.', sunset: '2027-06-30', replacement: 'v2' },
      gateway_services: [
        { control_plane: 'production', service: 'flights-service', file: 'products/flights/versions/v1/version.yaml', line: 8, column: 5 },
      ],
    });
    expect(v2.gateway_services.map((g) => [g.control_plane, g.service, g.line])).toEqual([
      ['production', 'flights-service', 5],
      ['staging', '5f8d3a7e-8c2f-4a5b-9d41-0c8e2f1a7b11', 7],
    ]);
    expect(products[0].versions[0]).toMatchObject({ slug: '2024-01', name: '2024-01', publish_status: 'unpublished', deprecated: false });

    expect(flights.docs.map((d) => [d.file, d.slug, d.title, d.status, d.format, d.order, d.bodyLine])).toEqual([
      ['products/flights/docs/guides/auth.md', 'guides/authentication', 'Authentication', 'unpublished', 'md', 2, 7],
      ['products/flights/docs/guides/index.mdx', 'guides', 'Guides', 'published', 'mdx', 1, 5],
      ['products/flights/docs/index.md', '', 'Flights API', 'published', 'md', undefined, 5],
    ]);
    expect(flights.docs[2].body).toBe('# Flights\n\nSearch flights.\n');
    expect(v2.docs.map((d) => [d.slug, d.title])).toEqual([['migrating', 'Migrating from v1']]);
  });
});
