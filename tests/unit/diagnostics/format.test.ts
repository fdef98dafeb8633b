import { describe, expect, it } from 'vitest';
import { formatDiagnostic, toJsonDiagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';

describe('printing a diagnostic (DESIGN §7: path:line:col: error: message)', () => {
  it('prints the position, 1:1 for a file problem without one, nothing for a folder', () => {
    expect(formatDiagnostic({ severity: 'error', message: 'm', file: 'a/product.yaml', line: 3, column: 5 })).toBe('a/product.yaml:3:5: error: m');
    expect(formatDiagnostic({ severity: 'error', message: 'm', file: 'portal.yaml' })).toBe('portal.yaml:1:1: error: m');
    expect(formatDiagnostic({ severity: 'warning', message: 'm', file: 'products/p/versions/v1' })).toBe('products/p/versions/v1: warning: m');
    expect(formatDiagnostic({ severity: 'error', message: 'm' })).toBe('error: m');
    expect(formatDiagnostic({ severity: 'warning', message: 'm', file: 's.yaml', line: 2, column: 1, pointer: '#/paths' })).toBe('s.yaml:2:1: warning: m (at #/paths)');
  });

  it('gives the JSON form with the same positions', () => {
    expect(toJsonDiagnostic({ severity: 'error', message: 'm', file: 'portal.yaml' })).toEqual({ file: 'portal.yaml', line: 1, column: 1, severity: 'error', message: 'm' });
    expect(toJsonDiagnostic({ severity: 'error', message: 'm' })).toEqual({ file: null, line: null, column: null, severity: 'error', message: 'm' });
  });
});
