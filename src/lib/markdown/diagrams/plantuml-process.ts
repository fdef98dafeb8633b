/**
 * The local PlantUML (`plantuml`, or `java -jar <jar>`), kept running. Starting a JVM
 * costs far more than drawing a diagram, so each worker is one `plantuml -pipe` process
 * for the whole build: a diagram is written to its stdin and its SVG read back up to the
 * delimiter PlantUML prints after each drawing. Up to two workers (one per core) start as
 * requests pile up; `close()` ends them.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DELIMITER = '@@ATRIUM-PLANTUML-END@@';
/** A worker that makes no progress for this long is killed (a diagram that never ends). */
const STALL_MS = 60_000;

export interface PlantumlCommand {
  command: string;
  args: string[];
  /** Identifies the installed PlantUML for cache keys (path, size, modification time). */
  identity: string;
}

export type PlantumlDrawing = { ok: true; svg: string } | { ok: false; message: string; line?: number };

export interface PlantumlPool {
  /** `source`: one complete `@start…`/`@end…` diagram. */
  render(source: string): Promise<PlantumlDrawing>;
  close(): Promise<void>;
}

/** The PlantUML to run, or undefined when none is installed. */
export function findPlantuml(jar: string | undefined, env: Record<string, string | undefined> = process.env): PlantumlCommand | undefined {
  const security = '-DPLANTUML_SECURITY_PROFILE=SANDBOX';
  if (jar) {
    if (!fs.existsSync(jar)) return undefined;
    return { command: 'java', args: ['-Djava.awt.headless=true', security, '-jar', jar], identity: identify(jar) };
  }
  const dirs = ['/usr/bin', '/usr/local/bin', ...(env.PATH ?? '').split(path.delimiter)].filter(Boolean);
  for (const dir of new Set(dirs)) {
    const candidate = path.join(dir, 'plantuml');
    if (isExecutable(candidate)) {
      // Debian's launcher runs /usr/share/plantuml/plantuml.jar: its stamp tracks upgrades.
      const debianJar = '/usr/share/plantuml/plantuml.jar';
      return { command: candidate, args: [], identity: `${identify(candidate)}|${fs.existsSync(debianJar) ? identify(debianJar) : ''}` };
    }
  }
  return undefined;
}

interface Job {
  source: string;
  resolve: (drawing: PlantumlDrawing) => void;
  retried: boolean;
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  queue: Job[];
  stdout: string;
  stderr: string;
  watchdog?: ReturnType<typeof setTimeout>;
  dead: boolean;
}

export function createPlantumlPool(command: PlantumlCommand, size = Math.min(2, os.availableParallelism())): PlantumlPool {
  const workers: Worker[] = [];

  function start(): Worker {
    const child = spawn(command.command, [...command.args, '-tsvg', '-pipe', '-charset', 'UTF-8', '-pipedelimitor', DELIMITER], {
      // Nothing relative to resolve against: includes of files are refused anyway.
      cwd: os.tmpdir(),
      env: { ...process.env, PLANTUML_SECURITY_PROFILE: 'SANDBOX', JAVA_TOOL_OPTIONS: undefined },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const worker: Worker = { child, queue: [], stdout: '', stderr: '', dead: false };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      worker.stdout += chunk;
      let at: number;
      while ((at = worker.stdout.indexOf(DELIMITER)) !== -1) {
        const svg = worker.stdout.slice(0, at).trim();
        worker.stdout = worker.stdout.slice(at + DELIMITER.length);
        worker.queue.shift()?.resolve(readDrawing(svg));
        arm(worker);
      }
    });
    child.stderr.on('data', (chunk: string) => {
      worker.stderr = (worker.stderr + chunk).slice(-2000);
    });
    child.stdin.on('error', () => {}); // a dying JVM closes its stdin; 'close' handles it
    child.on('error', (error) => fail(worker, `Could not run ${command.command}: ${error.message}`));
    child.on('close', (code) => fail(worker, `PlantUML stopped (exit ${code}): ${worker.stderr.trim().split('\n').slice(-2).join(' ') || 'no message'}`));
    workers.push(worker);
    return worker;
  }

  /** (Re)starts the stall timer while a worker has work. */
  function arm(worker: Worker): void {
    clearTimeout(worker.watchdog);
    if (worker.queue.length === 0 || worker.dead) return;
    worker.watchdog = setTimeout(() => {
      fail(worker, `PlantUML did not finish this diagram within ${STALL_MS / 1000} s (is every @start… closed by its @end…?)`);
      worker.child.kill('SIGKILL');
    }, STALL_MS);
  }

  /** The worker is gone: the diagram it was drawing fails, the others are drawn elsewhere. */
  function fail(worker: Worker, message: string): void {
    if (worker.dead) return;
    worker.dead = true;
    clearTimeout(worker.watchdog);
    workers.splice(workers.indexOf(worker), 1);
    const [head, ...rest] = worker.queue;
    worker.queue = [];
    head?.resolve({ ok: false, message });
    for (const job of rest) {
      if (job.retried) job.resolve({ ok: false, message });
      else dispatch({ ...job, retried: true });
    }
  }

  function dispatch(job: Job): void {
    const idle = workers.filter((w) => !w.dead).sort((a, b) => a.queue.length - b.queue.length)[0];
    // A second JVM only when the first is busy: most builds have a handful of diagrams.
    const worker = idle && (idle.queue.length === 0 || workers.length >= size) ? idle : start();
    worker.queue.push(job);
    worker.child.stdin.write(`${job.source}\n`);
    if (worker.queue.length === 1) arm(worker);
  }

  return {
    render(source) {
      return new Promise((resolve) => dispatch({ source, resolve, retried: false }));
    },
    async close() {
      await Promise.all(
        [...workers].map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.child.once('close', () => resolve());
              worker.child.stdin.end();
              setTimeout(() => worker.child.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
    },
  };
}

/** PlantUML reports a bad diagram by drawing the error; recognise that drawing. */
export function readDrawing(svg: string): PlantumlDrawing {
  if (!svg.includes('<svg')) return { ok: false, message: 'PlantUML produced no SVG' };
  const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decodeEntities(m[1]!).trim());
  const from = texts.findIndex((t) => /^\[From string \(line \d+\) \]$/.test(t));
  if (from === -1 || !texts.slice(from + 1).some((t) => /error/i.test(t))) return { ok: true, svg };
  const line = Number(/line (\d+)/.exec(texts[from]!)![1]);
  const reason = texts.slice(from + 1).filter((t) => /error|cannot|not /i.test(t)).at(-1) ?? 'PlantUML could not draw it';
  return { ok: false, message: reason, line };
}

function identify(file: string): string {
  try {
    const real = fs.realpathSync(file);
    const stat = fs.statSync(real);
    return `${real}:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
  } catch {
    return file;
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&amp;/g, '&');
}
