import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerDiffCommand, specRoot } from '../../../scripts/commands/diff.ts';
import { FIXTURES } from './fixtures.ts';

const fixture = (name: string) => path.relative(process.cwd(), path.join(FIXTURES, name));

/** Runs `atrium diff …` on a fresh program and captures what it prints. */
async function diff(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('atrium').exitOverride();
  registerDiffCommand(program);
  for (const command of program.commands) command.exitOverride();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(console, 'error').mockImplementation((...parts) => void (stderr += `${parts.join(' ')}\n`));
  process.exitCode = undefined;
  try {
    await program.parseAsync(['diff', ...args], { from: 'user' });
    return { code: typeof process.exitCode === 'number' ? process.exitCode : 0, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('atrium diff', () => {
  it('prints text by default and exits 0, even with breaking changes, without --fail-on', async () => {
    const result = await diff(fixture('flights-v1.yaml'), fixture('flights-v2.yaml'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Breaking changes \(5 operations\):\n {2}DELETE \/flights\/\{id\}: operation removed\n/);
    expect(result.stdout).toMatch(/16 breaking, 12 non-breaking changes: 1 operation added, 1 removed, 4 changed\.\n$/);
    expect(result.stderr).toBe('');
  });

  it('--format json prints the contract shape', async () => {
    const result = await diff(fixture('flights-v1.yaml'), fixture('flights-v2.yaml'), '--format', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['breaking', 'added', 'removed', 'changed']);
    expect(json.breaking).toBe(true);
    expect(json.added).toEqual([{ method: 'get', path: '/airports' }]);
    expect(json.removed).toEqual([{ method: 'delete', path: '/flights/{id}' }]);
    expect(json.changed[3]).toEqual({
      method: 'get',
      path: '/status',
      breaking: true,
      changes: [{ kind: 'security-added', breaking: true, message: 'authentication is now required (apiKey)' }],
    });
    for (const op of json.changed) {
      expect(Object.keys(op)).toEqual(['method', 'path', 'breaking', 'changes']);
      for (const change of op.changes) expect(Object.keys(change)).toEqual(['kind', 'breaking', 'message']);
    }
  });

  it('--format markdown prints a PR comment', async () => {
    const result = await diff(fixture('flights-v1.yaml'), fixture('flights-v2.yaml'), '--format', 'markdown');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^### API changes\n\n:x: \*\*16 breaking changes\*\*\n/);
  });

  it('--fail-on breaking exits 1 when something breaks, 0 when nothing does', async () => {
    expect((await diff(fixture('flights-v1.yaml'), fixture('flights-v2.yaml'), '--fail-on', 'breaking')).code).toBe(1);
    const same = await diff(fixture('flights-v1.yaml'), fixture('flights-v1-copy.yaml'), '--fail-on', 'breaking');
    expect(same).toEqual({ code: 0, stdout: 'No changes.\n', stderr: '' });
    expect((await diff(fixture('petstore-swagger2.yaml'), fixture('petstore-openapi31.yaml'), '--fail-on', 'breaking')).code).toBe(0);
  });

  it('--fail-on breaking lets additions through', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-diff-'));
    try {
      const v1 = await readFile(path.join(FIXTURES, 'flights-v1.yaml'), 'utf8');
      const extra = "  /extra:\n    get:\n      responses:\n        '200':\n          description: OK\n  /status:";
      await writeFile(path.join(dir, 'more.yaml'), v1.replace('  /status:', extra));
      const result = await diff(fixture('flights-v1.yaml'), path.join(dir, 'more.yaml'), '--fail-on', 'breaking');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        'Non-breaking changes (1 operation):\n  GET /extra: operation added\n\n' +
          '0 breaking, 1 non-breaking change: 1 operation added, 0 removed, 0 changed.\n',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one clear line for a missing file', async () => {
    const result = await diff(fixture('nope.yaml'), fixture('flights-v2.yaml'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`atrium: the old spec ${fixture('nope.yaml')} does not exist\n`);
  });

  it('exits 2 naming the file and the problem for something that is not a spec', async () => {
    const result = await diff(fixture('flights-v1.yaml'), fixture('broken.yaml'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`atrium: the new spec ${fixture('broken.yaml')} cannot be read as OpenAPI or Swagger:`);
    expect(lines[1]).toMatch(new RegExp(`^ {2}${fixture('broken.yaml').replace(/[.]/g, '\\.')}:1:1: error: `));
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+\)/); // no stack trace
  });

  it('exits 2 for a folder, an unknown format or an unknown --fail-on level', async () => {
    expect((await diff(FIXTURES, fixture('flights-v2.yaml'))).stderr).toMatch(/is not a file\n$/);
    const format = await diff(fixture('flights-v1.yaml'), fixture('flights-v2.yaml'), '--format', 'yaml');
    expect(format).toEqual({ code: 2, stdout: '', stderr: 'atrium: --format must be one of text, json, markdown, not "yaml"\n' });
    const failOn = await diff(fixture('flights-v1.yaml'), fixture('flights-v2.yaml'), '--fail-on', 'anything');
    expect(failOn.code).toBe(2);
  });

  it('follows a spec’s $refs to sibling folders', async () => {
    const result = await diff(fixture('split/api/openapi.yaml'), fixture('split/api/openapi.yaml'));
    expect(result).toEqual({ code: 0, stdout: 'No changes.\n', stderr: '' });
  });

  it('reads specs outside the working directory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-diff-'));
    try {
      await copyFile(path.join(FIXTURES, 'flights-v1.yaml'), path.join(dir, 'old.yaml'));
      await copyFile(path.join(FIXTURES, 'flights-v2.yaml'), path.join(dir, 'new.yaml'));
      const result = await diff(path.join(dir, 'old.yaml'), path.join(dir, 'new.yaml'), '--format', 'json');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).removed).toEqual([{ method: 'delete', path: '/flights/{id}' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('specRoot', () => {
  it('confines a file inside the working directory to the working directory', () => {
    expect(specRoot('specs/v1/openapi.yaml', '/repo')).toEqual({ root: '/repo', file: path.join('specs', 'v1', 'openapi.yaml') });
  });

  it('confines a file elsewhere to its own folder', () => {
    expect(specRoot('/tmp/x/openapi.yaml', '/repo')).toEqual({ root: '/tmp/x', file: 'openapi.yaml' });
    expect(specRoot('../other/openapi.yaml', '/repo/sub')).toEqual({ root: '/repo/other', file: 'openapi.yaml' });
  });
});
