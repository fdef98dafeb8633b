/**
 * Every content rule on bad input, through `loadContent` on small temporary portals.
 * Each test asserts the whole list of diagnostics as printed (`file:line:col: severity: message`),
 * so a wrong position, a missing problem or an extra one all fail.
 */
import { symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load-content.ts';
import { formatDiagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { cleanUpPortals, load, makePortal } from './helpers.ts';

cleanUpPortals();

const V1 = 'products/flights/versions/v1/version.yaml';

describe('the base portal', () => {
  it('has no diagnostic, so each test below shows only what it breaks', async () => {
    expect((await load({})).printed).toEqual([]);
  });
});

describe('malformed YAML and wrong values', () => {
  it('reports a YAML syntax error at the parser position', async () => {
    const { printed } = await load({ 'products/flights/product.yaml': 'name: Flights\ndescription: "unclosed\n' });
    expect(printed).toEqual([
      'products/flights/product.yaml:3:1: error: invalid YAML: Missing closing "quote',
    ]);
  });

  it('reports a duplicate key at the second occurrence', async () => {
    const { printed } = await load({ 'products/flights/product.yaml': 'name: Flights\npublished: true\nname: Other\n' });
    expect(printed).toEqual([
      'products/flights/product.yaml:3:1: error: duplicate key `name`; each key may appear only once in a mapping, remove or rename one of them',
    ]);
  });

  it('reports wrong types at the value with the key path', async () => {
    const { printed } = await load({
      [V1]: 'deprecated: "yes"\norder: first\ngateway_services:\n  - control_plane: production\n    service: flights-service\n',
    });
    expect(printed).toEqual([
      `${V1}:1:13: error: deprecated: expected \`true\` or \`false\`, got "yes"`,
      `${V1}:2:8: error: order: expected a number, got "first"`,
    ]);
  });

  it('asks to quote a number where a name is expected, showing it as written', async () => {
    const { printed } = await load({ [V1]: 'name: 1.10\ngateway_services:\n  - control_plane: production\n    service: flights-service\n' });
    expect(printed).toEqual([`${V1}:1:7: error: name: expected a string, got 1.10; put it in quotes: "1.10"`]);
  });

  it('reports an enum value with the allowed values and a suggestion', async () => {
    const { printed } = await load({
      [V1]: 'publish_status: publised\ngateway_services:\n  - control_plane: production\n    service: flights-service\n',
    });
    expect(printed).toEqual([
      `${V1}:1:17: error: publish_status: expected \`published | unpublished\`, got "publised"; did you mean \`published\`?`,
    ]);
  });

  it('reports a missing required key at the parent mapping', async () => {
    const { printed } = await load({
      'products/flights/product.yaml': '# The flights product\ndescription: Flights\ncontact:\n  email: not-an-email\n',
    });
    expect(printed).toEqual([
      'products/flights/product.yaml:2:1: error: missing required key `name` (a string)',
      'products/flights/product.yaml:4:10: error: contact.email: expected an email address like team@example.com, got "not-an-email"',
    ]);
  });

  it('reports a missing key inside a list item at that item', async () => {
    const { printed } = await load({ [V1]: 'gateway_services:\n  - control_plane: production\n' });
    expect(printed).toEqual([`${V1}:2:5: error: gateway_services[0]: missing required key \`service\` (a string)`]);
  });
});

describe('unknown keys', () => {
  it('points at the key and suggests the closest known key', async () => {
    const { printed } = await load({
      [V1]: 'publsh_status: published\ngateway_services:\n  - control_plane: production\n    service: flights-service\n    environment: prod\n',
    });
    expect(printed).toEqual([
      `${V1}:1:1: error: unknown key \`publsh_status\`; did you mean \`publish_status\`?`,
      `${V1}:5:5: error: gateway_services[0]: unknown key \`environment\`; known keys here are \`control_plane\`, \`service\``,
    ]);
  });

  it('checks nested mappings of portal.yaml too', async () => {
    const { printed } = await load({ 'portal.yaml': 'title: Test\nmermaid:\n  rendr: client\n' });
    expect(printed).toEqual(['portal.yaml:3:3: error: mermaid: unknown key `rendr`; did you mean `render`?']);
  });

  it('only warns about unknown frontmatter keys, at the line in the markdown file', async () => {
    const { printed } = await load({ 'products/flights/docs/intro.md': '---\ntitle: Intro\ndescripton: x\n---\nText\n' });
    expect(printed).toEqual(['products/flights/docs/intro.md:3:1: warning: unknown key `descripton`; did you mean `description`?']);
  });
});

describe('missing files', () => {
  it('reports a missing portal.yaml once', async () => {
    const { printed } = await load({ 'portal.yaml': null });
    expect(printed).toEqual([
      'portal.yaml:1:1: error: missing portal.yaml: the content folder needs a portal.yaml with at least `title: <portal title>`',
    ]);
  });

  it('points out portal.yml spelt with .yml', async () => {
    const { printed } = await load({ 'portal.yaml': null, 'portal.yml': 'title: x\n' });
    expect(printed).toEqual(['portal.yml:1:1: error: found portal.yml but Atrium reads portal.yaml; rename the file to portal.yaml']);
  });

  it('reports a product folder without product.yaml and a version folder without version.yaml', async () => {
    const { printed } = await load({
      'products/flights/product.yaml': null,
      [V1]: null,
    });
    expect(printed).toEqual([
      'products/flights: error: missing product.yaml: every folder in products/ needs a product.yaml with at least `name: <product name>`',
      'products/flights/versions/v1: error: missing version.yaml: every folder in products/flights/versions/ needs a version.yaml (it may be empty: every field has a default)',
    ]);
  });

  it('accepts an empty version.yaml (all defaults) with its warnings', async () => {
    const { printed } = await load({ [V1]: '' });
    expect(printed).toEqual([
      `${V1}:1:1: warning: version \`v1\` is not deployed: no \`gateway_services\`; add \`gateway_services: [{ control_plane: <file in control-planes/>, service: <service name> }]\` to show where it runs`,
    ]);
  });

  it('reports a spec: that does not exist, with a suggestion', async () => {
    const { printed } = await load({
      [V1]: 'spec: openapi.yml\ngateway_services:\n  - control_plane: production\n    service: flights-service\n',
    });
    expect(printed).toEqual([
      `${V1}:1:7: error: spec: spec file \`products/flights/versions/v1/openapi.yml\` does not exist; did you mean \`openapi.yaml\`?`,
    ]);
  });

  it('warns when a version has no spec: docs only', async () => {
    const { printed, model } = await load({ 'products/flights/versions/v1/openapi.yaml': null });
    expect(printed).toEqual([
      `${V1}:1:1: warning: version has docs only: no spec found; add openapi.yaml (or .yml, .json, or swagger.*) to products/flights/versions/v1/ or set \`spec:\` in version.yaml`,
    ]);
    expect(model.products[0].versions[0].spec).toBeUndefined();
  });

  it('finds swagger.json when there is no openapi file', async () => {
    const { printed, model } = await load({
      'products/flights/versions/v1/openapi.yaml': null,
      'products/flights/versions/v1/swagger.json': '{"swagger": "2.0"}',
    });
    expect(printed).toEqual([]);
    expect(model.products[0].versions[0].spec).toBe('products/flights/versions/v1/swagger.json');
  });

  it('reports a product with no versions at its product.yaml', async () => {
    const { printed } = await load({
      [V1]: null,
      'products/flights/versions/v1/openapi.yaml': null,
    });
    expect(printed).toEqual([
      'products/flights/product.yaml:1:1: error: product `flights` has no versions; add a folder products/flights/versions/v1/ with a version.yaml',
    ]);
  });
});

describe('spec paths stay inside the content folder', () => {
  it('refuses a spec: that climbs out of the content folder', async () => {
    const { printed } = await load({
      [V1]: 'spec: ../../../../../etc/passwd\ngateway_services:\n  - control_plane: production\n    service: flights-service\n',
    });
    expect(printed).toEqual([
      `${V1}:1:7: error: spec: \`../../../../../etc/passwd\` points outside the content folder; keep the spec inside it (Atrium reads nothing outside the content folder)`,
    ]);
  });

  it('refuses remote and absolute specs', async () => {
    const { printed } = await load({
      [V1]: 'spec: https://example.com/openapi.yaml\ngateway_services:\n  - control_plane: production\n    service: flights-service\n',
    });
    expect(printed).toEqual([
      `${V1}:1:7: error: spec: \`https://example.com/openapi.yaml\` is a URL; \`spec\` is a path relative to the version folder (Atrium does not fetch remote specs), e.g. \`openapi.yaml\``,
    ]);
  });

  it('refuses a spec that is a symbolic link to a file outside', async () => {
    const root = await makePortal({
      'products/flights/versions/v1/openapi.yaml': null,
      [V1]: 'spec: linked.yaml\ngateway_services:\n  - control_plane: production\n    service: flights-service\n',
    });
    await symlink('/etc/hostname', path.join(root, 'products/flights/versions/v1/linked.yaml'));
    const model = await loadContent(root);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([
      `${V1}:1:7: error: spec: \`linked.yaml\` is a link to a file outside the content folder; keep the spec inside it`,
    ]);
  });

  it('does not crawl symbolic links to folders outside', async () => {
    const root = await makePortal({});
    await mkdir(path.join(root, 'products/flights/docs'), { recursive: true });
    await symlink('/etc', path.join(root, 'products/flights/docs/etc'));
    await symlink('/etc', path.join(root, 'products/outside'));
    const model = await loadContent(root);
    expect(model.diagnostics).toEqual([]);
    expect(model.products.map((p) => p.slug)).toEqual(['flights']);
    expect(model.products[0].docs).toEqual([]);
  });
});

describe('gateway links', () => {
  it('reports an unknown control plane with the ones that exist', async () => {
    const { printed } = await load({
      [V1]: 'gateway_services:\n  - control_plane: prod\n    service: flights-service\n',
    });
    expect(printed).toEqual([
      `${V1}:2:20: error: gateway_services[0].control_plane: unknown control plane \`prod\` (control-planes/ has \`production\`); did you mean \`production\`?`,
    ]);
  });

  it('reports an unknown service with the services of that control plane', async () => {
    const { printed } = await load({
      [V1]: 'gateway_services:\n  - control_plane: production\n    service: flight-service\n',
    });
    expect(printed).toEqual([
      `${V1}:3:14: error: gateway_services[0].service: no service \`flight-service\` (by name or id) in control plane \`production\` (control-planes/production.yaml has \`flights-service\`, \`bookings-service\`); did you mean \`flights-service\`?`,
    ]);
  });

  it('finds a service by id', async () => {
    const { printed } = await load({
      [V1]: 'gateway_services:\n  - control_plane: production\n    service: 0b5d6c2e-1111-4222-8333-944455556666\n',
    });
    expect(printed).toEqual([]);
  });

  it('warns about a version that is not deployed', async () => {
    const { printed } = await load({ [V1]: 'publish_status: published\n' });
    expect(printed).toEqual([
      `${V1}:1:1: warning: version \`v1\` is not deployed: no \`gateway_services\`; add \`gateway_services: [{ control_plane: <file in control-planes/>, service: <service name> }]\` to show where it runs`,
    ]);
  });
});

describe('decK files', () => {
  it('warns about a missing _format_version and refuses unsupported ones', async () => {
    const { printed } = await load({
      'control-planes/production.yaml': 'services:\n  - name: flights-service\n    routes:\n      - paths: [/flights]\n',
      'control-planes/edge.yaml': '_format_version: "4.0"\nservices: []\n',
      'control-planes/legacy.yml': '_format_version: 1.1\n',
      'control-planes/unquoted.json': '{ "_format_version": 3.0 }',
    });
    expect(printed).toEqual([
      'control-planes/edge.yaml:1:18: error: _format_version: "4.0" is not a decK format Atrium reads; expected "1.1" to "3.0"',
      'control-planes/production.yaml:1:1: warning: no `_format_version`; add `_format_version: "3.0"` (as `deck gateway dump` writes it) so the file is read as the format it is',
    ]);
  });

  it('reports a decK file that is not a mapping, and two files for one control plane', async () => {
    const { printed } = await load({
      'control-planes/staging.yaml': '- just\n- a list\n',
      'control-planes/production.json': '{"_format_version": "3.0"}',
    });
    expect(printed).toEqual([
      'control-planes/production.yaml:1:1: error: control plane `production` is already defined by control-planes/production.json; keep one file per control plane',
      'control-planes/staging.yaml:1:1: error: expected a decK file (a mapping with `_format_version` and `services`), got a list',
      // The links point at production.json now, which has no services.
      `${V1}:3:14: error: gateway_services[0].service: no service \`flights-service\` (by name or id) in control plane \`production\` (control-planes/production.json has no services)`,
    ]);
  });
});

describe('slugs', () => {
  it('reports two docs with the same URL', async () => {
    const { printed } = await load({
      'products/flights/docs/guide.md': '---\ntitle: Guide\n---\n',
      'products/flights/docs/guide/index.md': '---\ntitle: Guide index\n---\n',
      'products/flights/docs/other.md': '---\ntitle: Other\nslug: guide\n---\n',
    });
    expect(printed).toEqual([
      'products/flights/docs/guide/index.md:1:1: error: this page has the same URL as products/flights/docs/guide.md: products/flights/docs/guide/; rename one of the files or set a different `slug:` in its frontmatter',
      'products/flights/docs/other.md:3:7: error: this page has the same URL as products/flights/docs/guide.md: products/flights/docs/guide/; rename one of the files or change its `slug:`',
    ]);
  });

  it('reports URL-unsafe folder, file and slug names', async () => {
    const { printed } = await load({
      'products/Flight Ops/product.yaml': 'name: Flight Ops\n',
      'products/Flight Ops/versions/v1/version.yaml': 'gateway_services:\n  - control_plane: production\n    service: flights-service\n',
      'products/Flight Ops/versions/v1/openapi.yaml': 'openapi: 3.1.0\n',
      'products/flights/docs/Getting Started.md': '---\ntitle: Getting started\n---\n',
      'products/flights/docs/faq.md': '---\ntitle: FAQ\nslug: Questions/Answers\n---\n',
    });
    expect(printed).toEqual([
      'products/Flight Ops/product.yaml:1:1: error: product folder `Flight Ops` is not URL-safe; rename it to `flight-ops` (lowercase letters, digits, `-`, `_` and `.` (not starting with a dot))',
      'products/flights/docs/faq.md:3:7: error: slug: "Questions/Answers" is not URL-safe (it replaces only the last segment, so no `/`); use lowercase letters, digits, `-`, `_` and `.` (not starting with a dot), e.g. "answers"',
      'products/flights/docs/Getting Started.md:1:1: error: `Getting Started` in the path of this page is not URL-safe; rename it to `getting-started` (lowercase letters, digits, `-`, `_` and `.` (not starting with a dot)) or set `slug:` in the frontmatter',
    ]);
  });

  it('reports a version folder that clashes with product pages, and duplicate version names', async () => {
    const link = 'gateway_services:\n  - control_plane: production\n    service: flights-service\n';
    const { printed } = await load({
      'products/flights/versions/docs/version.yaml': `name: documentation\n${link}`,
      'products/flights/versions/docs/openapi.yaml': 'openapi: 3.1.0\n',
      'products/flights/versions/v1-old/version.yaml': `name: v1\n${link}`,
      'products/flights/versions/v1-old/openapi.yaml': 'openapi: 3.1.0\n',
    });
    expect(printed).toEqual([
      "products/flights/versions/docs/version.yaml:1:1: error: version folder `docs` clashes with the product's /docs/ pages; rename the folder (the display name can stay, set `name: docs`)",
      'products/flights/versions/v1-old/version.yaml:1:7: error: version name `v1` is already used by products/flights/versions/v1/version.yaml; give each version of a product its own name',
    ]);
  });
});

describe('labels', () => {
  it('checks keys and values against Konnect rules, at the key or the value', async () => {
    const { printed } = await load({
      'products/flights/product.yaml': [
        'name: Flights',
        'labels:',
        '  kong-team: flights',
        '  _internal: "yes"',
        `  ${'k'.repeat(64)}: x`,
        '  team: Flight Ops',
        `  owner_team: ${'v'.repeat(64)}`,
        '  owner: ""',
        'public_labels:',
        '  tier: 1',
        '',
      ].join('\n'),
    });
    expect(printed).toEqual([
      'products/flights/product.yaml:3:3: error: labels: label key `kong-team` must not start with `kong`, which Kong reserves (reserved: `kong`, `konnect`, `insomnia`, `mesh`, `kic`, `kuma`, `_`)',
      'products/flights/product.yaml:4:3: error: labels: label key `_internal` must not start with `_`, which Kong reserves (reserved: `kong`, `konnect`, `insomnia`, `mesh`, `kic`, `kuma`, `_`)',
      `products/flights/product.yaml:5:3: error: labels: label key \`${'k'.repeat(64)}\` must be 1 to 63 characters long (it has 64)`,
      `products/flights/product.yaml:7:15: error: labels.owner_team: label value "${'v'.repeat(64)}" must be 1 to 63 characters long (it has 64)`,
      'products/flights/product.yaml:8:10: error: labels.owner: label value "" must be 1 to 63 characters long (it has 0)',
      'products/flights/product.yaml:10:9: error: public_labels.tier: expected a string, got 1; put it in quotes: "1"',
    ]);
  });

  it('allows at most 50 labels', async () => {
    const labels = Array.from({ length: 51 }, (_, i) => `  l${i}: v`).join('\n');
    const { printed } = await load({ 'products/flights/product.yaml': `name: Flights\nlabels:\n${labels}\n` });
    expect(printed).toEqual(['products/flights/product.yaml:2:1: error: labels: 51 labels, Konnect allows at most 50']);
  });
});

describe('deprecation', () => {
  const link = 'gateway_services:\n  - control_plane: production\n    service: flights-service\n';

  it('requires sunset to be a calendar date', async () => {
    const { printed } = await load({
      [V1]: `deprecated: true\ndeprecation:\n  sunset: soon\n${link}`,
      'products/flights/versions/v2/version.yaml': `deprecated: true\ndeprecation:\n  sunset: 2027-02-30\n${link}`,
      'products/flights/versions/v2/openapi.yaml': 'openapi: 3.1.0\n',
    });
    expect(printed).toEqual([
      `${V1}:3:11: error: deprecation.sunset: expected a date like 2027-06-30, got "soon"`,
      'products/flights/versions/v2/version.yaml:3:11: error: deprecation.sunset: expected a date like 2027-06-30, got "2027-02-30", which is not a day of the calendar',
    ]);
  });

  it('requires replacement to name another version of the product', async () => {
    const { printed } = await load({
      [V1]: `deprecated: true\ndeprecation:\n  replacement: v3\n${link}`,
      'products/flights/versions/v2/version.yaml': `name: Flights v2\ndeprecated: true\ndeprecation:\n  replacement: v2\n${link}`,
      'products/flights/versions/v2/openapi.yaml': 'openapi: 3.1.0\n',
    });
    expect(printed).toEqual([
      `${V1}:3:16: error: deprecation.replacement: no version \`v3\` in product \`flights\` (its other versions: \`Flights v2\`); did you mean \`v2\`?`,
      'products/flights/versions/v2/version.yaml:4:16: error: deprecation.replacement: `v2` is this version itself; name the version users should move to',
    ]);
  });

  it('accepts a replacement by folder or by name', async () => {
    const { printed } = await load({
      [V1]: `deprecated: true\ndeprecation:\n  replacement: Flights v2\n${link}`,
      'products/flights/versions/v2/version.yaml': `name: Flights v2\ndeprecated: true\ndeprecation:\n  replacement: v1\n${link}`,
      'products/flights/versions/v2/openapi.yaml': 'openapi: 3.1.0\n',
    });
    expect(printed).toEqual([]);
  });

  it('warns about a deprecation block on a version that is not deprecated', async () => {
    const { printed } = await load({ [V1]: `${link}deprecation:\n  message: Going away\n` });
    expect(printed).toEqual([
      `${V1}:4:1: warning: \`deprecation\` is set but the version is not deprecated; add \`deprecated: true\` or remove \`deprecation\``,
    ]);
  });
});

describe('portal.yaml environments', () => {
  it('requires existing control planes and unique names', async () => {
    const { printed } = await load({
      'portal.yaml': [
        'title: Test',
        'site: ftp://example.com',
        'environments:',
        '  - name: production',
        '    control_plane: production',
        '  - name: production',
        '    control_plane: staging',
        '',
      ].join('\n'),
    });
    expect(printed).toEqual([
      'portal.yaml:2:7: error: site: expected an absolute http(s) URL like https://api.example.com, got "ftp://example.com"',
      'portal.yaml:6:11: error: environments[1].name: environment `production` is defined twice; give each environment its own name',
      'portal.yaml:7:20: error: environments[1].control_plane: unknown control plane `staging` (control-planes/ has `production`)',
    ]);
  });
});

describe('doc frontmatter', () => {
  it('reports a missing title and an unclosed or missing frontmatter', async () => {
    const { printed } = await load({
      'products/flights/docs/a.md': '---\ndescription: no title\n---\n',
      'products/flights/docs/b.md': '---\ntitle: B\n',
      'products/flights/docs/c.mdx': '# C\n',
      'products/flights/versions/v1/docs/d.md': '---\ntitle: D\norder: [1]\n---\n',
    });
    expect(printed).toEqual([
      'products/flights/docs/a.md:2:1: error: missing required key `title` (a string)',
      'products/flights/docs/b.md:1:1: error: frontmatter is not closed; end it with a line `---`',
      'products/flights/docs/c.mdx:1:1: error: missing frontmatter; start the file with a line `---`, then `title: Page title`, then `---`',
      'products/flights/versions/v1/docs/d.md:3:8: error: order: expected a number, got a list',
    ]);
  });
});

describe('one run reports everything', () => {
  it('reports a malformed product.yaml and a dangling gateway link together, sorted by file', async () => {
    const { printed, model } = await load({
      'products/bookings/product.yaml': 'name: Bookings\nlabels: {team: sales\n',
      'products/bookings/versions/v1/version.yaml': 'gateway_services:\n  - control_plane: production\n    service: bookings-service\n',
      'products/bookings/versions/v1/openapi.yaml': 'openapi: 3.1.0\n',
      'products/flights/product.yaml': 'name: Flights\npublished: yes\n',
      [V1]: 'gateway_services:\n  - control_plane: production\n    service: flight\n',
    });
    expect(printed).toEqual([
      'products/bookings/product.yaml:3:1: error: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
      'products/flights/product.yaml:2:12: error: published: expected `true` or `false`, got "yes"',
      `${V1}:3:14: error: gateway_services[0].service: no service \`flight\` (by name or id) in control plane \`production\` (control-planes/production.yaml has \`flights-service\`, \`bookings-service\`); did you mean \`flights-service\`?`,
    ]);
    // Products are still loaded around the broken file.
    expect(model.products.map((p) => [p.slug, p.name, p.versions.length])).toEqual([
      ['bookings', 'bookings', 1],
      ['flights', 'Flights', 1],
    ]);
  });

  it('keeps checking the sound keys of a file that has an error', async () => {
    const { printed } = await load({
      [V1]: 'deprecated: true\ndeprecation:\n  sunset: soon\ngateway_services:\n  - control_plane: production\n    service: nope\n',
    });
    expect(printed).toEqual([
      `${V1}:3:11: error: deprecation.sunset: expected a date like 2027-06-30, got "soon"`,
      `${V1}:6:14: error: gateway_services[0].service: no service \`nope\` (by name or id) in control plane \`production\` (control-planes/production.yaml has \`flights-service\`, \`bookings-service\`)`,
    ]);
  });

  it('reports a content folder that does not exist without throwing', async () => {
    const model = await loadContent('/nonexistent/atrium-content');
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([
      'error: content folder `/nonexistent/atrium-content` does not exist; pass --content with the folder that holds portal.yaml',
    ]);
  });
});
