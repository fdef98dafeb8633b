/**
 * What PlantUML may be given: every directive, command and function that reads a file, a
 * URL, the environment or the clock is refused with its line; the standard library and
 * inline data stay allowed.
 */
import { describe, expect, it } from 'vitest';
import { preparePlantumlSource } from '../../../src/lib/markdown/diagrams/plantuml-source.ts';

const REFUSED: [string, string, RegExp][] = [
  ['!include of a file', '!include /etc/passwd', /!include of a file or URL/],
  ['!include of a relative file', '!include ../../secrets.puml', /!include of a file or URL/],
  ['!include_many', '!include_many common.puml', /!include/],
  ['!include_once', '!include_once common.puml', /!include/],
  ['!includeurl', '!includeurl https://evil.example/x.puml', /!include/],
  ['!includesub', '!includesub lib.puml!PART', /!include/],
  ['!includedef', '!includedef defs.puml', /!include/],
  ['!include_sprites', '!include_sprites icons.puml', /!include/],
  ['!include of a variable', '!include $file', /!include/],
  ['!include of a library name that climbs out', '!include <C4/../../../etc/passwd>', /!include/],
  ['!include of a URL in angle brackets', '!include <https://evil.example/x>', /!include/],
  ['!import', '!import lib.zip', /!import/],
  ['!theme from a URL', '!theme spacelab from https://evil.example/themes', /!theme … from/],
  ['!theme from a folder', '!theme mine from /home/user/themes', /!theme … from/],
  ['sprite from an absolute file', 'sprite $s /abs/file.svg', /sprite read from a file/],
  ['sprite from a relative file', 'sprite foo icons/logo.png', /sprite read from a file/],
  ['sprite from a URL', 'sprite $s https://evil.example/x.png', /sprite read from a file/],
  ['sprite from a variable', 'sprite $s $path', /sprite read from a file/],
  ['<img:> of a file', 'A -> B : <img:/home/user/.ssh/id_rsa>', /<img>/],
  ['<img src=…>', 'note left: <img src="/etc/hosts">', /<img>/],
  ['%getenv', 'A -> B : %getenv("AWS_SECRET_ACCESS_KEY")', /reads the build machine/],
  ['%load_json', '!$data = %load_json("/etc/config.json")', /reads the build machine/],
  ['%file_exists', '!if %file_exists("/root/.aws/credentials")', /reads the build machine/],
  ['%filedate', 'A -> B : %filedate()', /reads the build machine/],
  ['%filename', 'A -> B : %filename()', /reads the build machine/],
  ['%filename_no_extension', 'A -> B : %filename_no_extension()', /reads the build machine/],
  ['%dirpath', 'A -> B : %dirpath()', /reads the build machine/],
  ['%call_user_func', 'A -> B : %call_user_func($name)', /calls functions by name/],
  ['%invoke_procedure', '%invoke_procedure("$p")', /calls functions by name/],
  ['%eval', 'A -> B : %eval("1+1")', /calls functions by name/],
  ['%date', 'A -> B : built %date()', /date, time or random/],
  ['%now', 'A -> B : %now()', /date, time or random/],
  ['%random', 'A -> B : %random(10)', /date, time or random/],
  ['!pragma graphviz_dot with a program', '!pragma graphviz_dot /usr/local/bin/evil', /external layout engine/],
  ['!pragma layout elk', '!pragma layout elk', /external layout engine/],
  ['the version page', 'version', /information page/],
  ['the license page', 'license', /information page/],
  ['testdot', 'testdot', /information page/],
  ['listfonts', 'listfonts', /information page/],
  ['!dump_memory', '!dump_memory', /!dump_memory/],
];

describe('PlantUML confinement: refused, with the line', () => {
  for (const [name, line, what] of REFUSED) {
    it(`refuses ${name}`, () => {
      const result = preparePlantumlSource(`Alice -> Bob : hi\n${line}\nBob -> Alice : ok`);
      expect(result).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(what) });
      expect((result as { message: string }).message).toMatch(/is not allowed in docs: diagrams may not read files, URLs or the environment$/);
    });
  }

  it('refuses a name split over a continued line (%get\\ + env)', () => {
    expect(preparePlantumlSource('Alice -> Bob : %get\\\nenv("HOME")')).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/reads the build machine/) });
  });

  it('refuses @startdot, whose Graphviz source can read files', () => {
    expect(preparePlantumlSource('@startdot\ndigraph G { a [image="/etc/passwd"] }\n@enddot')).toMatchObject({ ok: false, line: 1 });
  });

  it('refuses in any case and with leading spaces', () => {
    expect(preparePlantumlSource('  !INCLUDE /etc/passwd')).toMatchObject({ ok: false, line: 1 });
    expect(preparePlantumlSource('A -> B : %GETENV("X")')).toMatchObject({ ok: false, line: 1 });
  });
});

describe('PlantUML confinement: what stays allowed', () => {
  const ALLOWED = [
    '!include <C4/C4_Container>',
    '!include <tupadr3/font-awesome/server>',
    '!includesub <archimate/Archimate>!PART',
    '!theme cerulean',
    '!pragma layout smetana',
    '!pragma teoz true',
    'sprite $foo1 [16x16/16] {\nFFFF\n}',
    'sprite $bar [8x8/16z] xYz0123',
    'sprite $x <svg viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
    'A -> B : <$foo1> and <&star>',
    '!$name = "Kong"\nA -> B : $name %upper($name) %version()',
    'participant "version 2" as v2',
  ];
  for (const source of ALLOWED) {
    it(`allows ${JSON.stringify(source.split('\n')[0])}`, () => {
      expect(preparePlantumlSource(source)).toMatchObject({ ok: true });
    });
  }
});
