/**
 * Runs a command as a child process and measures wall time and peak memory.
 *
 * Three memory figures, because a build is several processes (Node, Chromium for Mermaid,
 * PlantUML's JVM, Pagefind's indexer):
 * - `peakRssBytes`: the largest single process's peak — what `/usr/bin/time -v` reports as
 *   "Maximum resident set size", the figure BENCHMARKS.md quotes for the peer. GNU time
 *   only sees processes that were reaped (a helper still running when Node exits is missed),
 *   so the largest VmHWM seen while polling /proc counts too.
 * - `peakRssByProcess`: the largest VmHWM per executable (`node`, `chromium`, `java`,
 *   `pagefind_extended`), polled from /proc every 200 ms. VmHWM is the kernel's own
 *   high-water mark, so polling misses only growth in a process's last 200 ms.
 * - `treePeakRssBytes`: the largest RSS summed over the whole process tree at one poll — an
 *   upper bound (shared pages count once per process), the memory a machine must have.
 * Without GNU time (or /proc) the figures it alone gives are left out, not guessed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface ProcessMeasurement {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Largest single process's peak RSS, bytes. */
  peakRssBytes: number;
  /** Where peakRssBytes came from. */
  peakRssSource: 'gnu-time' | 'proc-vmhwm' | 'unavailable';
  /** GNU time's "Maximum resident set size" as reported (largest reaped process). */
  gnuTimeMaxRssBytes?: number;
  /** Largest RSS summed over the process tree at one sample, bytes (0 without /proc). */
  treePeakRssBytes: number;
  /** Largest VmHWM seen per executable name (`node`, `chromium`, `java`, `pagefind…`), bytes; sampled. */
  peakRssByProcess: Record<string, number>;
  userSeconds?: number;
  systemSeconds?: number;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Echo the child's output lines with this prefix while it runs (long builds show progress). */
  echo?: string;
  sampleMs?: number;
}

export async function measureProcess(command: string, args: readonly string[], options: MeasureOptions): Promise<ProcessMeasurement> {
  const useTime = existsSync(GNU_TIME);
  const tempDir = useTime ? await mkdtemp(path.join(os.tmpdir(), 'atrium-bench-time-')) : undefined;
  const timeFile = tempDir ? path.join(tempDir, 'time.txt') : undefined;
  const [cmd, argv] = useTime ? [GNU_TIME, ['-v', '-o', timeFile!, command, ...args]] : [command, [...args]];

  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = startTreeSampler(child.pid!, options.sampleMs ?? 200);
  const out: string[] = [];
  const err: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out.push(chunk);
    if (options.echo) process.stdout.write(prefixLines(chunk, options.echo));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err.push(chunk);
    if (options.echo) process.stderr.write(prefixLines(chunk, options.echo));
  });
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve({ code: c, signal: s }));
  });
  const wallMs = performance.now() - started;
  const sampled = await sampler.stop();

  let time: GnuTimeReport | undefined;
  if (timeFile) {
    time = parseGnuTime(await readFile(timeFile, 'utf8').catch(() => ''));
    await rm(tempDir!, { recursive: true, force: true });
  }
  const stderr = err.join('');
  // A V8 out-of-memory abort can still leave GNU time reporting "Exit status: 0"; a crash
  // message, a signal or a non-zero status of the wrapper all count as failure.
  const crashed = signal !== null || /FATAL ERROR|JavaScript heap out of memory|Command terminated by signal/.test(stderr);
  const status = time?.exitStatus ?? code;
  return {
    exitCode: crashed && !status ? 134 : code !== 0 && code !== null ? code : status,
    signal,
    wallMs,
    peakRssBytes: Math.max(time?.maxRssBytes ?? 0, sampled.maxHwmBytes),
    peakRssSource: (time?.maxRssBytes ?? 0) >= sampled.maxHwmBytes && time?.maxRssBytes ? 'gnu-time' : sampled.maxHwmBytes ? 'proc-vmhwm' : 'unavailable',
    ...(time?.maxRssBytes !== undefined ? { gnuTimeMaxRssBytes: time.maxRssBytes } : {}),
    treePeakRssBytes: sampled.treePeakBytes,
    peakRssByProcess: sampled.byName,
    ...(time?.userSeconds !== undefined ? { userSeconds: time.userSeconds } : {}),
    ...(time?.systemSeconds !== undefined ? { systemSeconds: time.systemSeconds } : {}),
    stdout: out.join(''),
    stderr,
  };
}

function prefixLines(chunk: string, prefix: string): string {
  return chunk.replace(/^(?=.)/gm, prefix);
}

export interface GnuTimeReport {
  maxRssBytes?: number;
  elapsedSeconds?: number;
  userSeconds?: number;
  systemSeconds?: number;
  exitStatus?: number;
}

/** Reads the `-v` report of GNU time. */
export function parseGnuTime(text: string): GnuTimeReport {
  const field = (label: string) => new RegExp(`^\\s*${label}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
  const number = (label: string) => {
    const v = field(label);
    return v === undefined || Number.isNaN(Number(v)) ? undefined : Number(v);
  };
  const report: GnuTimeReport = {};
  const rss = number('Maximum resident set size \\(kbytes\\)');
  if (rss !== undefined) report.maxRssBytes = rss * 1024;
  const user = number('User time \\(seconds\\)');
  if (user !== undefined) report.userSeconds = user;
  const system = number('System time \\(seconds\\)');
  if (system !== undefined) report.systemSeconds = system;
  const exit = number('Exit status');
  if (exit !== undefined) report.exitStatus = exit;
  const elapsed = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)');
  if (elapsed) report.elapsedSeconds = elapsed.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return report;
}

interface TreeSampler {
  stop(): Promise<{ treePeakBytes: number; maxHwmBytes: number; byName: Record<string, number> }>;
}

/** Polls /proc for `root` and its descendants; a no-op where /proc is missing. */
export function startTreeSampler(root: number, intervalMs: number): TreeSampler {
  if (!existsSync(`/proc/${root}`)) return { stop: async () => ({ treePeakBytes: 0, maxHwmBytes: 0, byName: {} }) };
  let treePeakBytes = 0;
  let maxHwmBytes = 0;
  const byName: Record<string, number> = {};
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const sample = async () => {
    const pids = await descendants(root);
    let total = 0;
    for (const pid of pids) {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      if (!status) continue;
      total += statusKb(status, 'VmRSS') * 1024;
      const hwm = statusKb(status, 'VmHWM') * 1024;
      maxHwmBytes = Math.max(maxHwmBytes, hwm);
      // The executable's file name: Node renames its main thread ("MainThread") and Chromium
      // rewrites its command line, so neither /proc's Name nor argv[0] will do.
      const exe = await readlink(`/proc/${pid}/exe`).catch(() => '');
      const name = exe ? path.basename(exe) : (/^Name:\s+(.+)$/m.exec(status)?.[1]?.trim() ?? '?');
      // GNU time itself is not part of what is measured.
      if (name !== 'time' && hwm > 0) byName[name] = Math.max(byName[name] ?? 0, hwm);
    }
    treePeakBytes = Math.max(treePeakBytes, total);
  };
  const timer = setInterval(() => {
    if (!stopped) running = running.then(sample, sample);
  }, intervalMs);
  running = sample();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => {});
      return { treePeakBytes, maxHwmBytes, byName };
    },
  };
}

async function descendants(root: number): Promise<number[]> {
  const all: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    all.push(pid);
    const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
    for (const task of tasks) {
      const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
      for (const child of children.split(/\s+/).filter(Boolean)) queue.push(Number(child));
    }
  }
  return all;
}

function statusKb(status: string, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}
