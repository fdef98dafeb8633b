import { describe, expect, it } from 'vitest';
import {
  diffSpecs,
  formatDiffMarkdown,
  formatDiffText,
  renderChangesHtml,
  summarizeDiff,
  type SpecDiff,
} from '../../../src/lib/diff/index.ts';
import { readFixture } from './fixtures.ts';

const small: SpecDiff = {
  breaking: true,
  added: [{ method: 'post', path: '/bookings' }],
  removed: [{ method: 'delete', path: '/flights/{id}' }],
  changed: [
    {
      method: 'get',
      path: '/flights',
      breaking: false,
      changes: [{ kind: 'parameter-added', breaking: false, message: 'query parameter `page` added' }],
    },
    {
      method: 'get',
      path: '/flights/{id}',
      breaking: true,
      changes: [
        { kind: 'response-property-added', breaking: false, message: 'response 200 (application/json): property `gate` added' },
        { kind: 'response-property-removed', breaking: true, message: 'response 200 (application/json): property `legacy` removed' },
      ],
    },
  ],
};

const empty: SpecDiff = { breaking: false, added: [], removed: [], changed: [] };

const hostile: SpecDiff = {
  breaking: true,
  added: [],
  removed: [],
  changed: [
    {
      method: 'get',
      path: '/x/<script>alert(1)</script>',
      breaking: true,
      changes: [
        {
          kind: 'response-property-removed',
          breaking: true,
          message: 'response 200 (application/json): property `<img src=x onerror=alert(1)>` removed [click](https://evil)',
        },
      ],
    },
  ],
};

describe('summarizeDiff', () => {
  it('counts removed operations and breaking changes as breaking, additions as not', () => {
    expect(summarizeDiff(small)).toEqual({ breaking: 2, nonBreaking: 3, added: 1, removed: 1, changed: 2 });
    expect(summarizeDiff(empty)).toEqual({ breaking: 0, nonBreaking: 0, added: 0, removed: 0, changed: 0 });
  });
});

describe('formatDiffText', () => {
  it('lists breaking operations first, breaking changes first within one, and ends with a summary', () => {
    expect(formatDiffText(small)).toBe(
      [
        'Breaking changes (2 operations):',
        '  DELETE /flights/{id}: operation removed',
        '  GET /flights/{id}:',
        '    BREAKING  response 200 (application/json): property `legacy` removed [response-property-removed]',
        '              response 200 (application/json): property `gate` added [response-property-added]',
        '',
        'Non-breaking changes (2 operations):',
        '  GET /flights:',
        '              query parameter `page` added [parameter-added]',
        '  POST /bookings: operation added',
        '',
        '2 breaking, 3 non-breaking changes: 1 operation added, 1 removed, 2 changed.',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing changed', () => {
    expect(formatDiffText(empty)).toBe('No changes.\n');
  });
});

describe('formatDiffMarkdown', () => {
  it('has a summary table and breaking / non-breaking sections grouped by operation', () => {
    const md = formatDiffMarkdown(small);
    expect(md).toContain('| 2 | 3 | 1 | 1 | 2 |');
    expect(md.indexOf('### Breaking changes')).toBeLessThan(md.indexOf('### Non-breaking changes'));
    expect(md).toContain('#### `DELETE /flights/{id}`\n\n- :x: **Breaking**: operation removed');
    expect(md).toContain(
      '#### `GET /flights/{id}`\n\n' +
        '- :x: **Breaking**: response 200 (application/json): property `legacy` removed `response-property-removed`\n' +
        '- response 200 (application/json): property `gate` added `response-property-added`',
    );
    expect(md).toContain('#### `POST /bookings`\n\n- Operation added');
  });

  it('escapes text from the spec so it cannot add links or HTML', () => {
    const md = formatDiffMarkdown(hostile);
    expect(md).toContain('`<img src=x onerror=alert(1)>`');
    expect(md).toContain('removed \\[click\\](https://evil)');
    expect(md).not.toMatch(/[^`]<img/);
  });

  it('says there is nothing breaking when there is not', () => {
    expect(formatDiffMarkdown(empty)).toContain(':white_check_mark: No breaking changes');
  });
});

describe('renderChangesHtml', () => {
  const options = {
    oldVersion: 'v1',
    newVersion: 'v2',
    oldOperationUrl: (method: string, path: string) => `/products/f/v1/reference/${method}${path.replace(/[{}]/g, '')}/`,
    newOperationUrl: (method: string, path: string) => (path === '/flights' ? undefined : `/products/f/v2/reference/${method}/`),
  };

  it('shows breaking changes first, with badges and links to both versions', () => {
    const out = renderChangesHtml(small, options);
    expect(out.indexOf('Breaking changes')).toBeLessThan(out.indexOf('Non-breaking changes'));
    expect(out).toContain('<strong>2 breaking</strong> and 3 non-breaking changes; 1 operation added, 1 removed, 2 changed.');
    // The removed operation links only to the old version, the added one only to the new.
    expect(out).toMatch(/DELETE<\/span> <code>\/flights\/\{id\}<\/code> <span class="badge badge-breaking">Removed<\/span><\/h3>\n<p class="api-change-links">View in <a href="\/products\/f\/v1\/reference\/delete\/flights\/id\/">v1<\/a><\/p>/);
    expect(out).toMatch(/POST<\/span> <code>\/bookings<\/code> <span class="badge badge-added">New<\/span><\/h3>\n<p class="api-change-links">View in <a href="\/products\/f\/v2\/reference\/post\/">v2<\/a><\/p>/);
    // A changed operation links to both.
    expect(out).toContain('View in <a href="/products/f/v1/reference/get/flights/id/">v1</a> · <a href="/products/f/v2/reference/get/">v2</a>');
    // An operation with both kinds is under each heading with only that kind's changes, badged; names are code.
    const [breakingPart, nonBreakingPart] = out.split('Non-breaking changes');
    expect(breakingPart).toContain(
      '<ul class="api-change-list"><li class="api-change api-change-breaking" data-kind="response-property-removed"><span class="badge badge-breaking">Breaking</span> response 200 (application/json): property <code>legacy</code> removed</li></ul>',
    );
    expect(breakingPart).not.toContain('property <code>gate</code> added');
    expect(nonBreakingPart).toContain(
      '<ul class="api-change-list"><li class="api-change" data-kind="response-property-added">response 200 (application/json): property <code>gate</code> added</li></ul>',
    );
    expect(nonBreakingPart).not.toContain('api-change-breaking');
  });

  it('escapes everything that comes from the specs', () => {
    const out = renderChangesHtml(hostile, options);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('<code>/x/&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(out).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>');
  });

  it('says so when nothing changed', () => {
    expect(renderChangesHtml(empty, options)).toBe(
      '<div class="api-changes"><p class="api-changes-empty">No changes to operations since v1.</p></div>',
    );
  });

  it('renders a real diff', () => {
    const diff = diffSpecs(readFixture('flights-v1.yaml'), readFixture('flights-v2.yaml'));
    const out = renderChangesHtml(diff, { oldVersion: '1.0', newVersion: '2.0' });
    expect(out.match(/class="badge badge-breaking">Breaking</g)?.length).toBe(summarizeDiff(diff).breaking - diff.removed.length);
    expect(out).not.toContain('api-change-links');
  });
});
