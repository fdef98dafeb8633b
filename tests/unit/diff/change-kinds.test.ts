import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, diffSpecs, toDiffJson } from '../../../src/lib/diff/index.ts';
import { SCHEMA_FACTS } from '../../../src/lib/diff/schema/schema-comparer.ts';
import { readFixture } from './fixtures.ts';

describe('the rule table', () => {
  it('lists every kind a schema fact can become, in each place', () => {
    const missing: string[] = [];
    for (const prefix of ['parameter', 'request', 'response']) {
      for (const fact of SCHEMA_FACTS) {
        // Responses have no "required property added": required-ness only breaks requests.
        if (prefix === 'response' && fact === 'required-property-added') continue;
        if (!(`${prefix}-${fact}` in CHANGE_KINDS)) missing.push(`${prefix}-${fact}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says whether each kind breaks, and why', () => {
    for (const [kind, info] of Object.entries(CHANGE_KINDS)) {
      expect(['yes', 'no', 'depends'], kind).toContain(info.breaking);
      expect(info.description.length, kind).toBeGreaterThan(5);
    }
  });
});

describe('the flights fixture (3.0 → 3.1, changes of most kinds)', () => {
  const diff = diffSpecs(readFixture('flights-v1.yaml'), readFixture('flights-v2.yaml'));

  it('lists added, removed and changed operations with the right paths', () => {
    expect(diff.added).toEqual([{ method: 'get', path: '/airports' }]);
    expect(diff.removed).toEqual([{ method: 'delete', path: '/flights/{id}' }]);
    expect(diff.changed.map((op) => `${op.method} ${op.path} ${op.breaking}`)).toEqual([
      'get /flights true',
      'post /flights true',
      'get /flights/{flightId} true',
      'get /status true',
    ]);
    expect(diff.breaking).toBe(true);
  });

  it('classifies each change', () => {
    const byOperation = Object.fromEntries(
      diff.changed.map((op) => [`${op.method} ${op.path}`, op.changes.map((c) => `${c.breaking ? 'B' : '-'} ${c.message}`)]),
    );
    expect(byOperation['get /flights']).toEqual([
      '- query parameter `limit`: minimum changed from >= 1 to > 0',
      'B query parameter `limit`: maximum changed from <= 100 to <= 50',
      'B query parameter `legacy` removed',
      'B required query parameter `airline` added',
      '- query parameter `page` added',
      'B response 200 (application/json): `[].status` enum value "diverted" added',
      'B response 200 (application/json): `[].legacyCode` removed',
      '- response 200 (application/json): `[].route.distanceKm` added',
      '- response 200 (application/json): `[].aircraft` added',
    ]);
    expect(byOperation['post /flights']).toEqual([
      '- operation deprecated',
      'B request body (application/json): property `number` maxLength changed from 10 to 8',
      'B request body (application/json): property `kind` enum value "charter" removed',
      'B request body (application/json): property `departure` added (required)',
      'B request body media type application/xml removed',
      'B response 201 (application/json): property `status` enum value "diverted" added',
      'B response 201 (application/json): property `legacyCode` removed',
      '- response 201 (application/json): property `route.distanceKm` added',
      '- response 201 (application/json): property `aircraft` added',
    ]);
    expect(byOperation['get /flights/{flightId}']).toEqual([
      '- security requirement oauth added as an alternative',
      'B response 200 (application/json): property `status` enum value "diverted" added',
      'B response 200 (application/json): property `legacyCode` removed',
      '- response 200 (application/json): property `route.distanceKm` added',
      '- response 200 (application/json): property `aircraft` added',
      'B response 200: header X-Rate-Limit-Remaining removed',
      '- response 429 added',
    ]);
    expect(byOperation['get /status']).toEqual(['B authentication is now required (apiKey)']);
  });

  it('every kind emitted is in the rule table, with the breaking flag it states', () => {
    for (const op of diff.changed) {
      for (const change of op.changes) {
        const info = CHANGE_KINDS[change.kind as keyof typeof CHANGE_KINDS];
        expect(info, change.kind).toBeDefined();
        if (info.breaking !== 'depends') expect(change.breaking, change.kind).toBe(info.breaking === 'yes');
      }
    }
  });

  it('an identical spec gives no changes', () => {
    expect(diffSpecs(readFixture('flights-v1.yaml'), readFixture('flights-v1-copy.yaml'))).toEqual({
      breaking: false,
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('the JSON form has exactly the contract keys', () => {
    const json = toDiffJson(diff);
    expect(Object.keys(json)).toEqual(['breaking', 'added', 'removed', 'changed']);
    for (const op of json.changed) {
      expect(Object.keys(op)).toEqual(['method', 'path', 'breaking', 'changes']);
      for (const c of op.changes) expect(Object.keys(c)).toEqual(['kind', 'breaking', 'message']);
    }
    expect(diff.changed[0]!.changes[0]!.pointer).toBeDefined();
  });

  it('is deterministic', () => {
    const again = diffSpecs(readFixture('flights-v1.yaml'), readFixture('flights-v2.yaml'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(diff));
  });
});
