import { realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkedProject, timeToLine } from '../../../scripts/bench/cli-start.ts';
import { parseBenchOptions } from '../../../scripts/bench/options.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'cli-start-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A process that prints `lines`, one every `delayMs`, then stays alive. */
const printer = (lines: string[], delayMs: number) => [
  process.execPath,
  '-e',
  `const lines = ${JSON.stringify(lines)}; let i = 0; setInterval(() => { if (i < lines.length) console.log(lines[i++]); }, ${delayMs});`,
];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('timeToLine', () => {
  it('times the first line that starts with the wanted text, not earlier output, and stops the process', async () => {
    const command = printer(['> atrium-portal@0.1.0 build', 'atrium build: content → dist (public)'], 300);
    const ms = await timeToLine(command, scratch);
    // The wanted line is the second, printed after two 300 ms ticks.
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(ms).toBeLessThan(20_000);
  });

  it('stops the whole process group once the line came', async () => {
    const pidFile = path.join(scratch, 'pid');
    const command = [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); console.log('atrium build: x'); setTimeout(() => {}, 60000);`];
    await timeToLine(command, scratch);
    const pid = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
  });

  it('fails, naming the output, when the process ends without the line', async () => {
    await expect(timeToLine([process.execPath, '-e', 'console.log("atrium: bad usage")'], scratch)).rejects.toThrow(/exited \(0\) before a line starting "atrium build:": atrium: bad usage/);
  });
});

describe('linkedProject', () => {
  it("links Atrium's folder, its bin and its Node 24 as a path dependency install would", async () => {
    const dir = path.join(scratch, 'project');
    await linkedProject(dir, REPO, path.join(REPO, 'content'));
    expect(realpathSync(path.join(dir, 'node_modules', '.bin', 'atrium'))).toBe(realpathSync(path.join(REPO, 'bin', 'atrium.js')));
    expect(realpathSync(path.join(dir, 'node_modules', '.bin', 'node'))).toBe(realpathSync(path.join(REPO, 'node_modules', 'node', 'bin', 'node')));
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toMatch(/^atrium build --content .*content --out /);
  });
});

describe('--cli-start', () => {
  it('takes a number of runs; absent, nothing is measured', () => {
    expect(parseBenchOptions(['--cli-start', '3'], REPO).cliStart).toBe(3);
    expect(parseBenchOptions([], REPO).cliStart).toBe(0);
    expect(() => parseBenchOptions(['--cli-start', '0'], REPO)).toThrow(/--cli-start takes a whole number/);
  });
});
