/**
 * The security rule of DESIGN §4: nothing but allow-listed plugin fields reaches the output.
 * For every service of every real fixture, the resolved environment (with and without a
 * `base_url`) is searched for every secret-like value of its decK file.
 */
import { describe, expect, it } from 'vitest';
import { listServices, readDeck } from '../../../src/lib/gateway/deck.ts';
import { resolveGatewayService } from '../../../src/lib/gateway/resolve.ts';
import { collectSecrets, FIXTURES, leakedSecrets, loadDeck, PRODUCTION } from './helpers.ts';

const ENVIRONMENTS = [PRODUCTION, { name: 'staging', control_plane: 'staging', label: 'Staging', base_url: 'https://staging.api.test' }];

describe.each(Object.entries(FIXTURES))('no secret of %s reaches the output', (_, file) => {
  const doc = loadDeck(file);
  const secrets = collectSecrets(doc);

  it('finds the services and the secrets to look for', () => {
    expect(listServices(doc).length).toBeGreaterThan(0);
    expect(secrets.length).toBeGreaterThan(3);
  });

  it('resolves every service without any secret in it', () => {
    for (const service of listServices(doc)) {
      for (const env of ENVIRONMENTS) {
        const output = JSON.stringify(resolveGatewayService(doc, service.name ?? (service.id as string), env));
        expect(leakedSecrets(output, secrets), `${service.name} in ${env.name}`).toEqual([]);
      }
    }
  });

  it('would notice a leak: the plugin configurations themselves contain secrets', () => {
    // What the output would hold if plugin configs were copied instead of allow-listed.
    const bypass = JSON.stringify({ services: doc.services, plugins: doc.plugins, consumers: doc.consumers });
    expect(leakedSecrets(bypass, secrets).length).toBeGreaterThan(0);
  });
});

describe('the secret lists hold the known secrets of each file', () => {
  it('kong2kic: passwords, keys, secrets, PEM blocks, consumers, upstream and service hosts', () => {
    const secrets = collectSecrets(loadDeck(FIXTURES.kong2kic));
    for (const known of [
      'my_basic_password',
      'my_basic_user',
      'my_api_key',
      'my_jwt_secret',
      'my_secret_key',
      'my_key',
      'my_secret',
      'example-user',
      '1234567890',
      'acl_group',
      'admin',
      'example-api.com',
      'http://example.com/logs',
      '-----BEGIN RSA PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCVGyoqqAitQUzZ',
    ]) {
      expect(secrets).toContain(known);
    }
  });

  it('kong2kic: the aws-lambda secret is in a route plugin config the resolver reads past', () => {
    const deck = readDeck(loadDeck(FIXTURES.kong2kic));
    const lambda = deck.plugins.find((plugin) => plugin.name === 'aws-lambda');
    expect(lambda?.config.aws_secret).toBe('my_secret');
    expect(lambda?.route).toBeDefined();
  });

  it('KongAir: the vault reference, consumers, groups and service hosts', () => {
    const secrets = collectSecrets(loadDeck(FIXTURES.kongair));
    for (const known of ['{vault://env/acme/account_email}', 'dfreese', 'jdoe', 'platinum', 'flights.kongair', '127.0.0.1']) {
      expect(secrets).toContain(known);
    }
  });

  it('convert-11: consumer, plugin endpoints and service hosts', () => {
    const secrets = collectSecrets(loadDeck(FIXTURES.convert11));
    for (const known of ['c1', 'https://log.example.com', 'ldap.example.com', 'test@example.com', 'secure.example.com', 'my-function']) {
      expect(secrets).toContain(known);
    }
  });
});

describe('leakedSecrets', () => {
  it('matches whole tokens only', () => {
    expect(leakedSecrets('"issuer":"https://auth.example.com"', ['example.com'])).toEqual([]);
    expect(leakedSecrets('"base_urls":["https://example.com/v1"]', ['example.com'])).toEqual(['example.com']);
    expect(leakedSecrets('{"key":"my_secret"}', ['my_secret', 'my_secret_key'])).toEqual(['my_secret']);
  });
});
