/**
 * One request, three languages: curl, JavaScript `fetch` and Python `requests`. Output is
 * plain text; the page escapes it into `<pre>`. Every value from the spec is quoted for its
 * language, so an example containing quotes or `$(...)` stays a literal.
 */
import type { SampleRequest } from './sample-request.ts';

export type SampleLanguage = 'curl' | 'javascript' | 'python';

export const SAMPLE_LANGUAGES: { id: SampleLanguage; label: string }[] = [
  { id: 'curl', label: 'curl' },
  { id: 'javascript', label: 'JavaScript' },
  { id: 'python', label: 'Python' },
];

/** POSIX shell single quotes: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function jsString(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function jsKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : jsString(key);
}

function indentJson(value: unknown, indent: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').split('\n').join('\n' + indent);
}

export function curlSample(req: SampleRequest): string {
  const lines: string[] = [];
  const url = shellQuote(req.url);
  const globoff = /[{}[\]]/.test(req.url) ? ' --globoff' : '';
  if (req.method === 'GET') lines.push(`curl${globoff} ${url}`);
  else if (req.method === 'HEAD') lines.push(`curl --head${globoff} ${url}`);
  else lines.push(`curl${globoff} -X ${req.method} ${url}`);
  for (const [name, value] of req.headers) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (req.basicAuth) lines.push(`-u ${shellQuote('user:password')}`);
  if (req.clientCertificate) lines.push('--cert client.crt --key client.key');
  const body = req.body;
  if (body?.kind === 'json') lines.push(`--data ${shellQuote(JSON.stringify(body.value, null, 2) ?? 'null')}`);
  else if (body?.kind === 'text') lines.push(`--data-binary ${shellQuote(body.text)}`);
  else if (body?.kind === 'file') lines.push(`--data-binary @file`);
  else if (body?.kind === 'form') for (const f of body.fields) lines.push(`--data-urlencode ${shellQuote(`${f.name}=${f.value}`)}`);
  else if (body?.kind === 'multipart') {
    for (const f of body.fields) lines.push(`-F ${shellQuote(f.file ? `${f.name}=@${f.value}` : `${f.name}=${f.value}`)}`);
  }
  const comments = req.notes.map((n) => `# ${n}\n`).join('');
  return comments + lines.join(' \\\n  ');
}

export function fetchSample(req: SampleRequest): string {
  const out: string[] = req.notes.map((n) => `// ${n}`);
  if (req.clientCertificate) out.push('// Mutual TLS: give your HTTP client the certificate (client.crt, client.key).');
  const headers = req.headers.map(([name, value]) => `    ${jsKey(name)}: ${jsString(value)},`);
  if (req.basicAuth) headers.push(`    Authorization: 'Basic ' + btoa('user:password'),`);
  let prelude = '';
  let bodyLine = '';
  const body = req.body;
  if (body?.kind === 'json') bodyLine = `  body: JSON.stringify(${indentJson(body.value, '  ')}),`;
  else if (body?.kind === 'text') bodyLine = `  body: ${jsString(body.text)},`;
  else if (body?.kind === 'file') bodyLine = `  body: file, // a Blob or File`;
  else if (body?.kind === 'form') {
    bodyLine = `  body: new URLSearchParams({\n${body.fields.map((f) => `    ${jsKey(f.name)}: ${jsString(f.value)},`).join('\n')}\n  }),`;
  } else if (body?.kind === 'multipart') {
    prelude = 'const form = new FormData();\n' +
      body.fields.map((f) => `form.append(${jsString(f.name)}, ${f.file ? 'file' : jsString(f.value)});`).join('\n') + '\n\n';
    bodyLine = '  body: form,';
  }
  const options = [`  method: ${jsString(req.method)},`];
  if (headers.length) options.push(`  headers: {\n${headers.join('\n')}\n  },`);
  if (bodyLine) options.push(bodyLine);
  out.push(`${prelude}const response = await fetch(${jsString(req.url)}, {\n${options.join('\n')}\n});`);
  out.push(req.method === 'HEAD' ? 'console.log(response.status);' : 'console.log(response.status, await response.text());');
  return out.join('\n');
}

function pyString(value: string): string {
  return JSON.stringify(value);
}

/** JSON value as a Python literal (`true` → `True`, `null` → `None`). */
export function pyLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return pyString(value);
  const inner = indent + '    ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => inner + pyLiteral(v, inner)).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${pyString(k)}: ${pyLiteral(v, inner)}`).join(',\n')},\n${indent}}`;
}

const PY_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function pythonSample(req: SampleRequest): string {
  const out: string[] = req.notes.map((n) => `# ${n}`);
  out.push('import requests', '');
  const args: string[] = [];
  const call = PY_METHODS.has(req.method) ? `requests.${req.method.toLowerCase()}(` : `requests.request(\n    ${pyString(req.method)},`;
  args.push(`    ${pyString(req.url)},`);
  if (req.headers.length) {
    args.push(`    headers={\n${req.headers.map(([k, v]) => `        ${pyString(k)}: ${pyString(v)},`).join('\n')}\n    },`);
  }
  if (req.basicAuth) args.push(`    auth=("user", "password"),`);
  if (req.clientCertificate) args.push(`    cert=("client.crt", "client.key"),`);
  const body = req.body;
  if (body?.kind === 'json') args.push(`    json=${pyLiteral(body.value, '    ')},`);
  else if (body?.kind === 'text') args.push(`    data=${pyString(body.text)},`);
  else if (body?.kind === 'file') args.push(`    data=open("file", "rb"),`);
  else if (body?.kind === 'form') {
    args.push(`    data={\n${body.fields.map((f) => `        ${pyString(f.name)}: ${pyString(f.value)},`).join('\n')}\n    },`);
  } else if (body?.kind === 'multipart') {
    const files = body.fields.filter((f) => f.file);
    const data = body.fields.filter((f) => !f.file);
    if (data.length) args.push(`    data={\n${data.map((f) => `        ${pyString(f.name)}: ${pyString(f.value)},`).join('\n')}\n    },`);
    if (files.length) {
      args.push(`    files={\n${files.map((f) => `        ${pyString(f.name)}: open(${pyString(f.value)}, "rb"),`).join('\n')}\n    },`);
    }
  }
  out.push(`response = ${call}\n${args.join('\n')}\n)`);
  out.push(req.method === 'HEAD' ? 'print(response.status_code)' : 'print(response.status_code, response.text)');
  return out.join('\n');
}

export function renderSample(language: SampleLanguage, req: SampleRequest): string {
  if (language === 'curl') return curlSample(req);
  if (language === 'javascript') return fetchSample(req);
  return pythonSample(req);
}
