import { describe, expect, it } from 'vitest';
import { operationAliases, rankByTitle } from '../../../src/lib/site/search-rank.ts';

const hits = [
  { title: 'Pagination', id: 'a' },
  { title: 'List scheduled flights from an airport', aliases: operationAliases('get', '/flights'), id: 'b' },
  { title: 'Flights v2', id: 'c' },
  { title: 'Flights', id: 'd' },
  { title: 'Get a flight by flight number', aliases: operationAliases('get', '/flights/{flightNumber}'), id: 'e' },
];
const order = (query: string) => rankByTitle(query, hits).map((h) => h.id);

describe('rankByTitle', () => {
  it('puts an exact title first, then titles starting with the query, keeping relevance order within each', () => {
    expect(order('flights')).toEqual(['d', 'c', 'b', 'a', 'e']);
    expect(order('  FLIGHTS. ')).toEqual(['d', 'c', 'b', 'a', 'e']);
    // The name before a page title's place counts as its title.
    expect(rankByTitle('pagination', [{ title: 'Paging helpers' }, { title: 'Pagination · Flights v2' }]).map((h) => h.title)[0]).toBe('Pagination · Flights v2');
  });

  it("finds an operation by its method and path, or its path alone", () => {
    expect(order('GET /flights')[0]).toBe('b');
    expect(order('/flights/{flightNumber}')[0]).toBe('e');
    expect(order('get /flights/')[0]).toBe('e'); // a prefix of e's "GET /flights/{flightNumber}" only
  });

  it('ranks titles holding every word above the rest, and keeps Pagefind order when nothing matches', () => {
    expect(order('flight number')).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(order('zebra')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(order('')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
