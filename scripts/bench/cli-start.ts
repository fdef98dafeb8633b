/**
 * `--cli-start`: how long each documented way of running Atrium (README, "CLI") takes to print
 * its first line, `atrium build: …`. The build is stopped as soon as that line arrives.
 * "Installed as a dependency" is a scratch project with Atrium's folder linked into its
 * node_modules/, as npm links a path dependency (bins included), so no registry install runs.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface CliStartRecord {
  /** Where and how, as the README's table says. */
  way: string;
  command: string;
  /** Milliseconds to the first line of each run; absent when the line never came. */
  millis: number[];
  error?: string;
}

const FIRST_LINE = 'atrium build:';

/** Milliseconds from spawning `command` until a line of its output starts with `want`; then its process group is stopped. */
export function timeToLine(command: readonly string[], cwd: string, want = FIRST_LINE, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command[0]!, command.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let seen = '';
    let settled = false;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const finish = (error: Error | undefined, ms?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      if (error) reject(error);
      else resolve(ms!);
    };
    const timer = setTimeout(() => finish(new Error(`no line starting "${want}" within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      const at = performance.now();
      seen += chunk.toString('utf8');
      if (seen.split('\n').some((line) => line.startsWith(want))) finish(undefined, Math.round(at - started));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => finish(new Error(`exited (${code}) before a line starting "${want}": ${seen.slice(-300)}`)));
  });
}

/** A project that depends on Atrium by path: node_modules/atrium-portal and the bins npm would link. */
export async function linkedProject(dir: string, repoRoot: string, contentDir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  const pkg = { name: 'my-portal', private: true, scripts: { build: `atrium build --content ${contentDir} --out ${path.join(dir, 'dist')}` }, devDependencies: { 'atrium-portal': `file:${repoRoot}` } };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  await symlink(repoRoot, path.join(dir, 'node_modules', 'atrium-portal'));
  await symlink('../atrium-portal/bin/atrium.js', path.join(dir, 'node_modules', '.bin', 'atrium'));
  // Atrium's `node` dependency is hoisted beside it, and its bin linked, in a real install.
  await symlink(path.join(repoRoot, 'node_modules', 'node', 'bin', 'node'), path.join(dir, 'node_modules', '.bin', 'node'));
}

export async function measureCliStart(workDir: string, repoRoot: string, runs: number, log: (line: string) => void): Promise<CliStartRecord[]> {
  const contentDir = path.join(repoRoot, 'content');
  const out = path.join(workDir, 'cli-start-out');
  const project = path.join(workDir, 'cli-start-project');
  await linkedProject(project, repoRoot, contentDir);
  const args = ['build', '--content', contentDir, '--out', out];
  const ways: { way: string; command: string[]; cwd: string }[] = [
    { way: 'checkout: npm run build', command: ['npm', 'run', 'build', '--', ...args.slice(1)], cwd: repoRoot },
    { way: 'checkout: node bin/atrium.js (Node 24)', command: [path.join(repoRoot, 'node_modules', 'node', 'bin', 'node'), 'bin/atrium.js', ...args], cwd: repoRoot },
    { way: 'checkout: npx atrium', command: ['npx', 'atrium', ...args], cwd: repoRoot },
    { way: 'dependency: npm run build', command: ['npm', 'run', 'build'], cwd: project },
    { way: 'dependency: npx --no-install atrium build', command: ['npx', '--no-install', 'atrium', ...args], cwd: project },
  ];
  const records: CliStartRecord[] = [];
  for (const { way, command, cwd } of ways) {
    const record: CliStartRecord = { way, command: command.join(' '), millis: [] };
    try {
      for (let i = 0; i < runs; i++) record.millis.push(await timeToLine(command, cwd));
    } catch (error) {
      record.error = (error as Error).message;
    }
    log(`cli start: ${way}: ${record.millis.map((ms) => `${ms} ms`).join(', ')}${record.error ? ` (${record.error})` : ''}`);
    records.push(record);
  }
  await rm(out, { recursive: true, force: true });
  return records;
}
