import { describe, expect, it } from 'vitest';
import { labelKeyProblem, labelValueProblem } from '../../../src/lib/content/rules/labels.ts';

describe('Konnect label rules', () => {
  it('accept ordinary keys and values', () => {
    for (const ok of ['team', 'a', 'cost-center', 'app.kubernetes.io', 'A1_b', 'k'.repeat(63)]) expect(labelKeyProblem(ok), ok).toBeUndefined();
    for (const ok of ['gold', 'us-west', '1', 'v1.2_3', 'Flight data', 'API key']) expect(labelValueProblem(ok), ok).toBeUndefined();
  });

  it('refuse reserved prefixes, bad characters and lengths', () => {
    expect(labelKeyProblem('konnect-region')).toMatch(/must not start with `konnect`/);
    expect(labelKeyProblem('Kong')).toMatch(/must not start with `kong`/);
    expect(labelKeyProblem('mesh.zone')).toMatch(/`mesh`/);
    expect(labelKeyProblem('kic')).toMatch(/`kic`/);
    expect(labelKeyProblem('_x')).toMatch(/`_`/);
    expect(labelKeyProblem('team name')).toMatch(/may only use/);
    expect(labelKeyProblem('team-')).toMatch(/may only use/);
    expect(labelKeyProblem('')).toMatch(/1 to 63/);
    expect(labelKeyProblem('k'.repeat(64))).toMatch(/1 to 63/);
    expect(labelValueProblem('')).toMatch(/1 to 63/);
    expect(labelValueProblem('v'.repeat(64))).toMatch(/1 to 63/);
    expect(labelValueProblem('two\nlines')).toMatch(/single line/);
  });
});
