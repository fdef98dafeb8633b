import { describe, expect, it } from 'vitest';
import { resolveGatewayService } from '../../../src/lib/gateway/resolve.ts';

const env = { name: 'staging', control_plane: 'staging' };
const deck = (strip_path?: boolean) => ({
  _format_version: '3.0',
  services: [
    {
      name: 'bookings',
      url: 'http://bookings.internal:8080',
      routes: [{ name: 'r', hosts: ['api.example.com'], paths: ['/bookings'], protocols: ['https'], ...(strip_path === undefined ? {} : { strip_path }) }],
    },
  ],
});

describe('strip_path', () => {
  it('keeps the route path in the base URL either way and records strip_path: false on the route', () => {
    expect(resolveGatewayService(deck(), 'bookings', env).base_urls).toEqual(['https://api.example.com/bookings']);
    expect(resolveGatewayService(deck(), 'bookings', env).routes[0]!.strip_path).toBeUndefined();
    const kept = resolveGatewayService(deck(false), 'bookings', env);
    expect(kept.base_urls).toEqual(['https://api.example.com/bookings']);
    expect(kept.routes[0]!.strip_path).toBe(false);
  });
});
