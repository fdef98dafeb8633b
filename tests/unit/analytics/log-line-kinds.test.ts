/** Log lines that are not HTTP requests of a current Kong are named as what they are. */
import { describe, expect, it } from 'vitest';
import { parseKongLogLine } from '../../../src/lib/analytics/kong-log-line.ts';
import { FIXTURE_LINE } from './helpers.ts';

describe('parseKongLogLine on lines that are not HTTP traffic of Kong 1.0 or later', () => {
  it('names a stream (TCP/TLS) session as one', () => {
    // Kong's stream subsystem serializer: `session` and `upstream` byte counts, no request/response.
    const stream = {
      started_at: 1763546400000,
      session: { tls: { version: 'TLSv1.3' }, received: 120, sent: 4096, status: 200, server_port: 9443 },
      upstream: { received: 4096, sent: 120 },
      latencies: { kong: 1, session: 250 },
      service: { id: 's1', name: 'tcp-service' },
      route: { id: 'r1', protocols: ['tls'] },
      client_ip: '10.0.0.5',
      tries: [{ ip: '10.0.0.9', port: 9000 }],
    };
    expect(parseKongLogLine(JSON.stringify(stream))).toEqual({
      ok: false,
      kind: 'stream-session',
      reason: expect.stringMatching(/^a stream \(TCP\/TLS\) session .*not an HTTP request/),
    });
  });

  it('names a Kong 0.x line with an `api` as one, not as a request that matched no route', () => {
    const entry = JSON.parse(FIXTURE_LINE);
    delete entry.service;
    delete entry.route;
    entry.api = { id: 'a1', name: 'flights-api', upstream_url: 'http://flights:8080', uris: ['/flights'] };
    const parsed = parseKongLogLine(JSON.stringify(entry));
    expect(parsed).toMatchObject({ ok: false, kind: 'legacy-api' });
    expect(!parsed.ok && parsed.reason).toMatch(/Kong 0\.x log line: it names an `api`/);
    expect(!parsed.ok && parsed.reason).not.toMatch(/matched no route/);

    // Without the `api` it is an ordinary line (the ingest then says it matched no route).
    delete entry.api;
    expect(parseKongLogLine(JSON.stringify(entry))).toMatchObject({ ok: true });
  });
});
