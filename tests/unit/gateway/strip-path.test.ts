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

describe('base URLs and strip_path', () => {
  it('puts the route path in the base URL when Kong strips it (the default)', () => {
    expect(resolveGatewayService(deck(), 'bookings', env).base_urls).toEqual(['https://api.example.com/bookings']);
    expect(resolveGatewayService(deck(true), 'bookings', env).base_urls).toEqual(['https://api.example.com/bookings']);
  });
  it('leaves it out when the path is forwarded as is, since the spec paths already contain it', () => {
    const resolved = resolveGatewayService(deck(false), 'bookings', env);
    expect(resolved.base_urls).toEqual(['https://api.example.com']);
    expect(resolved.routes[0]!.strip_path).toBe(false);
  });
});
