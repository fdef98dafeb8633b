import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { versionKeyOrder } from '../../../src/lib/manage/key-order.ts';
import { deprecateVersion, linkGatewayService, setPublishStatus } from '../../../src/lib/manage/version-edits.ts';
import { setProductPublished } from '../../../src/lib/manage/product-edits.ts';
import { setYamlValue } from '../../../src/lib/manage/yaml-edit.ts';

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('setYamlValue: minimal splices', () => {
  it('replaces a scalar in place, keeping its trailing comment and quoting', () => {
    const text = lines('name: v1', 'publish_status: "unpublished"   # flip when ready', 'spec: openapi.yaml');
    expect(setYamlValue(text, ['publish_status'], 'published', versionKeyOrder)).toBe(
      lines('name: v1', 'publish_status: "published"   # flip when ready', 'spec: openapi.yaml'),
    );
  });

  it('leaves folded text elsewhere in the file exactly as wrapped (a full re-print would re-fold it)', () => {
    const text = lines(
      'name: Flights',
      'description: >-',
      '  Scheduled KongAir flights, flight details and (from v2) live flight status with',
      '  webhooks. Use it to show departures and arrivals in your app.',
      'labels:',
      '    owner: team   # odd indentation stays too',
      'published: true',
    );
    expect(setProductPublished(text, false)).toBe(text.replace('published: true', 'published: false'));
  });

  it('inserts a new key after its predecessor in schema order, before comments that belong to the next key', () => {
    const text = lines('# Flights v3', 'name: v3', 'publish_status: published', '# where it runs', 'gateway_services:', '  - control_plane: dev', '    service: x');
    expect(setYamlValue(text, ['deprecated'], true, versionKeyOrder)).toBe(
      lines('# Flights v3', 'name: v3', 'publish_status: published', 'deprecated: true', '# where it runs', 'gateway_services:', '  - control_plane: dev', '    service: x'),
    );
  });

  it('puts a key that comes first in schema order above the next key and its comments, but below the file header', () => {
    const text = lines('# header', '', '# about the links', 'gateway_services: []');
    expect(setYamlValue(text, ['publish_status'], 'published', versionKeyOrder)).toBe(
      lines('# header', '', 'publish_status: published', '# about the links', 'gateway_services: []'),
    );
    expect(setYamlValue(lines('# header', 'spec: a.yaml'), ['name'], 'v1', versionKeyOrder)).toBe(lines('# header', 'name: v1', 'spec: a.yaml'));
  });

  it('appends a list item in the indentation style of the list, after its trailing comments', () => {
    const indented = lines('gateway_services:', '  - control_plane: dev', '    service: a', '    # last one for now', 'order: 2');
    expect(setYamlValue(indented, ['gateway_services', 1], { control_plane: 'prod', service: 'b' }, versionKeyOrder)).toBe(
      lines('gateway_services:', '  - control_plane: dev', '    service: a', '    # last one for now', '  - control_plane: prod', '    service: b', 'order: 2'),
    );
    const flush = lines('gateway_services:', '- control_plane: dev', '  service: a');
    expect(setYamlValue(flush, ['gateway_services', 1], { control_plane: 'prod', service: 'b' }, versionKeyOrder)).toBe(
      lines('gateway_services:', '- control_plane: dev', '  service: a', '- control_plane: prod', '  service: b'),
    );
  });

  it('rewrites a flow collection or an empty value on the path as a block', () => {
    expect(setYamlValue(lines('name: x', 'gateway_services: []', 'order: 1'), ['gateway_services', 0], { control_plane: 'dev', service: 'a' }, versionKeyOrder)).toBe(
      lines('name: x', 'gateway_services:', '  - control_plane: dev', '    service: a', 'order: 1'),
    );
    expect(setYamlValue(lines('deprecation:', 'spec: a.yaml'), ['deprecation', 'sunset'], '2027-01-01', versionKeyOrder)).toBe(
      lines('deprecation:', '  sunset: 2027-01-01', 'spec: a.yaml'),
    );
    expect(setYamlValue(lines('deprecation: { sunset: 2027-01-01 }'), ['deprecation', 'replacement'], 'v2', versionKeyOrder)).toBe(
      lines('deprecation:', '  sunset: 2027-01-01', '  replacement: v2'),
    );
  });

  it('writes into empty and comment-only files, files without a final newline, and CRLF files', () => {
    expect(setYamlValue('', ['publish_status'], 'published')).toBe('publish_status: published\n');
    expect(setYamlValue('# nothing yet\n', ['publish_status'], 'published')).toBe('# nothing yet\npublish_status: published\n');
    expect(setYamlValue('name: x', ['publish_status'], 'published', versionKeyOrder)).toBe('name: x\npublish_status: published\n');
    expect(setYamlValue('name: x\r\nspec: a\r\n', ['publish_status'], 'published', versionKeyOrder)).toBe('name: x\r\npublish_status: published\r\nspec: a\r\n');
  });

  it('quotes what would otherwise read as another type, and folds long text', () => {
    const text = setYamlValue('name: x\n', ['deprecation', 'message'], 'true', versionKeyOrder);
    expect(parse(text)).toEqual({ name: 'x', deprecation: { message: 'true' } });
    const long = 'Flights v2 is deprecated: v3 adds seat maps and a new status model. Move before the sunset date.';
    const folded = setYamlValue('name: x\n', ['deprecation', 'message'], long, versionKeyOrder);
    expect(folded).toBe(lines('name: x', 'deprecation:', '  message: >-', '    Flights v2 is deprecated: v3 adds seat maps and a new status model. Move', '    before the sunset date.'));
    expect(parse(folded).deprecation.message).toBe(long);
  });

  it('replaces block text as a whole', () => {
    const text = lines('deprecation:', '  message: >-', '    old text', '    on two lines', '  sunset: 2027-06-30');
    expect(setYamlValue(text, ['deprecation', 'message'], 'new', versionKeyOrder)).toBe(lines('deprecation:', '  message: new', '  sunset: 2027-06-30'));
  });

  it('always writes the data the yaml Document API would (aliases and anchors are left alone)', () => {
    const text = lines('base: &b', '  control_plane: dev', '  service: a', 'gateway_services:', '  - *b');
    const result = setYamlValue(text, ['publish_status'], 'published', versionKeyOrder);
    expect(result).toContain('&b');
    expect(parse(result)).toEqual({ base: { control_plane: 'dev', service: 'a' }, gateway_services: [{ control_plane: 'dev', service: 'a' }], publish_status: 'published' });
  });
});

describe('version.yaml edits', () => {
  const v2 = lines(
    '# Flights v2 is rolling out.',
    'name: v2',
    'publish_status: published',
    'gateway_services:',
    '  - control_plane: dev',
    '    service: flights-v2-service',
    '  - control_plane: staging',
    '    # A service id works as well as its name.',
    '    service: c3cf13a2-bdd3-47e0-afc5-3424fd661ede',
  );

  it('sets publish_status', () => {
    expect(setPublishStatus(v2, 'unpublished')).toBe(v2.replace('publish_status: published', 'publish_status: unpublished'));
  });

  it('deprecates with every field, in schema order, keeping existing fields not given', () => {
    const once = deprecateVersion(v2, { sunset: '2028-01-31', replacement: 'v3' });
    expect(once).toBe(
      v2.replace('publish_status: published\n', 'publish_status: published\ndeprecated: true\ndeprecation:\n  sunset: 2028-01-31\n  replacement: v3\n'),
    );
    const twice = deprecateVersion(once, { message: 'Use v3.', sunset: '2028-03-31' });
    expect(twice).toBe(once.replace('deprecation:\n  sunset: 2028-01-31\n', 'deprecation:\n  message: Use v3.\n  sunset: 2028-03-31\n'));
  });

  it('links a gateway service: appends for a new control plane, updates an existing one, reports no change', () => {
    const added = linkGatewayService(v2, { control_plane: 'prod', service: 'flights-v2-service' });
    expect(added.action).toBe('added');
    expect(added.text).toBe(`${v2}  - control_plane: prod\n    service: flights-v2-service\n`);

    const updated = linkGatewayService(v2, { control_plane: 'staging', service: 'flights-v2-service' });
    expect(updated).toMatchObject({ action: 'updated', previous: 'c3cf13a2-bdd3-47e0-afc5-3424fd661ede' });
    expect(updated.text).toBe(v2.replace('service: c3cf13a2-bdd3-47e0-afc5-3424fd661ede', 'service: flights-v2-service'));

    expect(linkGatewayService(v2, { control_plane: 'dev', service: 'flights-v2-service' })).toEqual({ text: v2, action: 'unchanged' });

    const first = linkGatewayService(lines('name: v3', 'spec: openapi.yaml'), { control_plane: 'dev', service: 'a' });
    expect(first.text).toBe(lines('name: v3', 'spec: openapi.yaml', 'gateway_services:', '  - control_plane: dev', '    service: a'));
  });
});
