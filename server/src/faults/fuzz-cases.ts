/**
 * Hostile requests generated from the OpenAPI document: for every operation, its path parameters,
 * query parameters and body fields are replaced one at a time by values of every hostile kind,
 * around a sample that is otherwise plausible (so a bad value reaches the code behind the schema).
 * Randomness is seeded: the same seed sends the same requests.
 */

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
}
export interface Operation {
  parameters?: Array<{
    in: 'path' | 'query' | 'header';
    name: string;
    required?: boolean;
    schema?: JsonSchema;
  }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export type JsonSchema = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
};

export interface FuzzRequest {
  method: string;
  url: string;
  /** Raw body text (JSON is written by hand so `1e309` and lone surrogates go out as such). */
  payload?: string | Buffer;
  headers: Record<string, string>;
  /** What was made hostile, for the failure report. */
  what: string;
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick<T>(list: readonly T[]): T {
      return list[Math.floor(next() * list.length)]!;
    },
    sample<T>(list: readonly T[], n: number): T[] {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** A JSON text that JSON.stringify cannot write: a raw literal kept as is. */
class Raw {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Hostile values for a JSON body field, by kind. Lazily built: some are large. */
export const HOSTILE_JSON: Record<string, () => unknown> = {
  nul: () => 'a\u0000b',
  onlyNul: () => '\u0000',
  loneSurrogate: () => new Raw('"abc\\ud800"'),
  lowSurrogate: () => new Raw('"\\udc00x"'),
  longString: () => 'x'.repeat(300_000),
  infinity: () => new Raw('1e309'),
  negInfinity: () => new Raw('-1e309'),
  huge: () => 1e300,
  negative: () => -1,
  fraction: () => 0.5,
  bigInt: () => new Raw('99999999999999999999999'),
  zero: () => 0,
  emptyString: () => '',
  nullValue: () => null,
  boolean: () => true,
  array: () => ['x'],
  object: () => ({ a: 'b' }),
  manyKeys: () => Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'v'])),
  deepNesting: () => new Raw(`${'['.repeat(5_000)}${']'.repeat(5_000)}`),
  deepObjects: () => new Raw(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`),
  longArray: () => Array.from({ length: 20_000 }, () => 'x'),
  sqlish: () => "' or 1=1 --",
  unicode: () => '客服😀\u202e',
};

/** Hostile values for a path or query parameter, already URL-encoded (or deliberately not). */
export const HOSTILE_URL: Record<string, string> = {
  nul: '%00',
  nulInside: 'a%00b',
  loneSurrogate: '%ED%A0%80',
  badPercent: '%E0%A4%A',
  lonePercent: '%',
  long: 'a'.repeat(150),
  veryLong: 'b'.repeat(5_000),
  infinity: '1e309',
  negative: '-1',
  nan: 'NaN',
  bigInt: '99999999999999999999',
  fraction: '0.5',
  empty: '',
  traversal: '..%2F..%2Fetc%2Fpasswd',
  sqlish: "'%20or%201%3D1--",
  unicode: encodeURIComponent('客服😀'),
  uuid: '00000000-0000-4000-8000-000000000000',
};

/** Writes JSON, keeping Raw literals as they are. */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A plausible value for a schema: the first option, the smallest number, a string of the right shape. */
export function sampleOf(schema: JsonSchema | undefined, name = '', all = true): unknown {
  if (!schema) return 'x';
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.anyOf) return sampleOf(schema.anyOf[0], name, all);
  if (schema.default !== undefined && schema.type !== 'object') return schema.default;
  switch (schema.type) {
    case 'string':
      return sampleString(schema, name);
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 1) : 1;
    case 'boolean':
      // A channel left disabled never calls out to its platform (the fuzz must stay on loopback).
      return false;
    case 'array': {
      const n = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: n }, () => sampleOf(schema.items, name, all));
    }
    case 'object':
    case undefined: {
      if (name === 'settings') return { apiRoot: 'http://127.0.0.1:9', mode: 'webhook' };
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if (all || required.has(k)) out[k] = sampleOf(v, k, all);
      }
      return out;
    }
    default:
      return null;
  }
}

function sampleString(schema: JsonSchema, name: string): string {
  const format = schema.format as string | undefined;
  if (format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (format === 'email' || /email/i.test(name)) return 'fuzz@example.com';
  if (format === 'date-time') return new Date().toISOString();
  if (format === 'date' || /date|day/i.test(name)) return new Date().toISOString().slice(0, 10);
  if (format === 'uri' || /url|link/i.test(name)) return 'https://example.com/x';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const base = /slug|key|code/i.test(name) ? 'fuzz-slug' : 'fuzz';
  return base.padEnd(Math.max(min, base.length), 'x');
}

/** Every request to send to one operation: hostile path and query values, then hostile bodies. */
export function casesFor(
  method: string,
  path: string,
  op: Operation,
  realParams: Record<string, string>,
  random: Random,
  options: { valuesPerField: number; urlValues: number },
): FuzzRequest[] {
  // The kinds that found 500s before are always sent; a seeded few of the rest besides.
  const always = ['nul', 'nulInside', 'loneSurrogate', 'badPercent', 'long', 'infinity'];
  const rest = Object.keys(HOSTILE_URL).filter((k) => !always.includes(k));
  const urlKinds = () => [...always, ...random.sample(rest, options.urlValues)];
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queries = (op.parameters ?? []).filter((p) => p.in === 'query');
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const multipart = /attachments$|images$|inbound\/\{key\}$/.test(path) && method === 'POST';
  const baseQuery = queries
    .filter((q) => q.required)
    .map((q) => `${q.name}=${encodeURIComponent(String(sampleOf(q.schema, q.name)))}`);
  const urlWith = (pathValues: Record<string, string>, query: string[]) => {
    let url = path;
    for (const p of params) url = url.replace(`{${p.name}}`, pathValues[p.name] ?? realParams[p.name] ?? 'x');
    return query.length ? `${url}?${query.join('&')}` : url;
  };
  const goodUrl = urlWith({}, baseQuery);
  const goodBody = jsonSchema ? toJson(sampleOf(jsonSchema, '', true)) : undefined;
  const jsonHeaders = { 'content-type': 'application/json' };
  const withBody = (url: string, what: string): FuzzRequest =>
    goodBody === undefined
      ? { method, url, headers: {}, what }
      : { method, url, payload: goodBody, headers: jsonHeaders, what };

  const out: FuzzRequest[] = [];
  for (const p of params) {
    for (const kind of urlKinds()) {
      const value = HOSTILE_URL[kind]!;
      out.push(withBody(urlWith({ [p.name]: value }, baseQuery), `path ${p.name}=${kind}`));
    }
  }
  for (const q of queries) {
    const others = baseQuery.filter((b) => !b.startsWith(`${q.name}=`));
    for (const kind of urlKinds()) {
      const value = HOSTILE_URL[kind]!;
      out.push(withBody(urlWith({}, [...others, `${q.name}=${value}`]), `query ${q.name}=${kind}`));
    }
    out.push(withBody(urlWith({}, [...others, `${q.name}=a`, `${q.name}=b`]), `query ${q.name} twice`));
    out.push(withBody(urlWith({}, [...others, `${q.name}[a]=1`]), `query ${q.name} as object`));
  }
  out.push(withBody(`${goodUrl}${goodUrl.includes('?') ? '&' : '?'}lang=%00`, 'query lang=nul'));

  if (jsonSchema) {
    out.push({
      method,
      url: goodUrl,
      payload: goodBody,
      headers: jsonHeaders,
      what: 'body sample (all fields)',
    });
    const required = toJson(sampleOf(jsonSchema, '', false));
    out.push({
      method,
      url: goodUrl,
      payload: required,
      headers: jsonHeaders,
      what: 'body sample (required only)',
    });
    for (const [what, payload, type] of [
      ['empty body', '', 'application/json'],
      ['empty object', '{}', 'application/json'],
      ['null body', 'null', 'application/json'],
      ['array body', '[]', 'application/json'],
      ['string body', '"x"', 'application/json'],
      ['bad JSON', '{"a":', 'application/json'],
      ['NUL in JSON text', '{"a\u0000":1}', 'application/json'],
      [
        'invalid UTF-8',
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        'application/json',
      ],
      ['proto pollution', '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}', 'application/json'],
      ['text/plain', 'hello', 'text/plain'],
      ['form-urlencoded', 'a=b', 'application/x-www-form-urlencoded'],
      ['multipart without boundary', 'x', 'multipart/form-data'],
      ['xml', '<a/>', 'application/xml'],
      ['bad content-type', '{}', 'application/json; charset=utf-99; ;;'],
    ] as const) {
      out.push({ method, url: goodUrl, payload, headers: { 'content-type': type }, what });
    }
    out.push({
      method,
      url: goodUrl,
      payload: toJson(HOSTILE_JSON.manyKeys!()),
      headers: jsonHeaders,
      what: 'body of 40,000 keys',
    });
    for (const [fieldPath, fieldSchema] of fieldsOf(jsonSchema)) {
      const kinds = random.sample(Object.keys(HOSTILE_JSON), options.valuesPerField);
      for (const kind of kinds) {
        const body = sampleOf(jsonSchema, '', true) as Record<string, unknown>;
        setPath(body, fieldPath, HOSTILE_JSON[kind]!());
        out.push({
          method,
          url: goodUrl,
          payload: toJson(body),
          headers: jsonHeaders,
          what: `body ${fieldPath.join('.')}=${kind} (${fieldSchema.type ?? 'any'})`,
        });
      }
    }
  } else if (!multipart && method !== 'GET' && method !== 'DELETE') {
    out.push({
      method,
      url: goodUrl,
      payload: '{"a":1}',
      headers: jsonHeaders,
      what: 'unexpected JSON body',
    });
    out.push({ method, url: goodUrl, payload: '{"a":', headers: jsonHeaders, what: 'unexpected bad JSON' });
  }
  if (multipart) out.push(...multipartCases(method, goodUrl));
  return out;
}

/** Fields two levels deep (a body's fields and the fields of its objects), with their schemas. */
function fieldsOf(schema: JsonSchema, prefix: string[] = [], depth = 0): Array<[string[], JsonSchema]> {
  const out: Array<[string[], JsonSchema]> = [];
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    out.push([[...prefix, k], v]);
    if (depth < 1 && v.type === 'object' && v.properties) out.push(...fieldsOf(v, [...prefix, k], depth + 1));
  }
  return out;
}

function setPath(body: Record<string, unknown>, path: string[], value: unknown) {
  let at = body;
  for (const k of path.slice(0, -1)) {
    if (!at[k] || typeof at[k] !== 'object') at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
}

function multipartCases(method: string, url: string): FuzzRequest[] {
  const b = 'fuzzboundary';
  const part = (name: string, fileName: string, bytes: string) =>
    `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n${bytes}\r\n`;
  const type = { 'content-type': `multipart/form-data; boundary=${b}` };
  return [
    {
      method,
      url,
      payload: 'x',
      headers: { 'content-type': 'multipart/form-data' },
      what: 'multipart without boundary',
    },
    { method, url, payload: '', headers: type, what: 'multipart empty' },
    { method, url, payload: `--${b}--\r\n`, headers: type, what: 'multipart no parts' },
    {
      method,
      url,
      payload: part('file', 'a.txt', 'hello'),
      headers: type,
      what: 'multipart cut before its end',
    },
    {
      method,
      url,
      payload: `${part('file', 'a\u0000.txt', 'hello')}--${b}--\r\n`,
      headers: type,
      what: 'multipart NUL in file name',
    },
    {
      method,
      url,
      payload: `${part('file', 'a\ud800.txt', 'hello')}--${b}--\r\n`,
      headers: type,
      what: 'multipart lone surrogate in file name',
    },
    {
      method,
      url,
      payload: `${part('file', 'x'.repeat(5_000), 'hello')}--${b}--\r\n`,
      headers: type,
      what: 'multipart long file name',
    },
    {
      method,
      url,
      payload: `${part('other', 'a.txt', 'hello')}--${b}--\r\n`,
      headers: type,
      what: 'multipart wrong field',
    },
    {
      method,
      url,
      payload: `${part('file', 'a.txt', 'hello')}${part('file', 'b.txt', 'again')}--${b}--\r\n`,
      headers: type,
      what: 'multipart two files',
    },
    {
      method,
      url,
      payload: `${Array.from({ length: 50 }, (_, i) => `--${b}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('')}--${b}--\r\n`,
      headers: type,
      what: 'multipart 50 fields',
    },
    { method, url, payload: 'garbage', headers: type, what: 'multipart garbage' },
  ];
}

/** What a response must look like: never a 5xx, and every 4xx in the error shape. */
export function responseProblem(status: number, body: string): string | null {
  if (status >= 500) return `status ${status}`;
  if (status < 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `status ${status} without a JSON body`;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || !error.message) {
    return `status ${status} not in the error shape`;
  }
  return null;
}
