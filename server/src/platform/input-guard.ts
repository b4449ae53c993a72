import type { FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from './errors.ts';
import type { App } from './services.ts';

/**
 * Bounds that every route's input is held to, whatever its own schema says. A schema that names a
 * tighter bound keeps it; one that names none gets these, so no field is unbounded: a number can
 * not be `1e309` (Infinity passes JSON Schema's "integer") or overflow a 32-bit column, a text can
 * not be a megabyte of query string, a list or a map can not hold 40,000 entries.
 */
export const INPUT_BOUNDS = {
  /** Text in a JSON body (an article's Markdown is the longest legitimate one). */
  bodyStringLength: 100_000,
  /** Text in a query string or a path. */
  urlStringLength: 2_000,
  arrayItems: 1_000,
  /** Keys of a map-like object (`fields`, settings, weekly hours…). */
  mapKeys: 200,
  /** PostgreSQL's `integer`. */
  integerMax: 2_147_483_647,
  integerMin: -2_147_483_648,
  /** Any other number (amounts are decimal text, not numbers). */
  numberAbs: 1e15,
  /** Nesting of JSON bodies, and values in one body, for the parts a schema leaves open. */
  depth: 32,
  values: 20_000,
} as const;

type Schema = Record<string, unknown>;
type Part = 'body' | 'url';

/** A copy of a route schema with the bounds above filled in where the schema names none. */
export function boundSchema<T>(schema: T, part: Part): T {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const key of Object.keys(s)) out[key] = s[key];
  // TypeBox's Kind marker is a symbol key; copy it so the copy stays a TypeBox schema.
  for (const sym of Object.getOwnPropertySymbols(s))
    (out as Record<symbol, unknown>)[sym] = (s as Record<symbol, unknown>)[sym];
  const type = s.type;
  const has = (k: string) => s[k] !== undefined;
  if (type === 'string' && !has('maxLength') && !has('enum') && !has('const')) {
    out.maxLength = part === 'body' ? INPUT_BOUNDS.bodyStringLength : INPUT_BOUNDS.urlStringLength;
  }
  if (type === 'integer') {
    if (!has('maximum') && !has('exclusiveMaximum')) out.maximum = INPUT_BOUNDS.integerMax;
    if (!has('minimum') && !has('exclusiveMinimum')) out.minimum = INPUT_BOUNDS.integerMin;
  }
  if (type === 'number') {
    if (!has('maximum') && !has('exclusiveMaximum')) out.maximum = INPUT_BOUNDS.numberAbs;
    if (!has('minimum') && !has('exclusiveMinimum')) out.minimum = -INPUT_BOUNDS.numberAbs;
  }
  if (type === 'array') {
    if (!has('maxItems')) out.maxItems = INPUT_BOUNDS.arrayItems;
    if (Array.isArray(s.items)) out.items = s.items.map((i) => boundSchema(i, part));
    else if (s.items) out.items = boundSchema(s.items, part);
  }
  if (s.properties && typeof s.properties === 'object') {
    const props: Schema = {};
    for (const [k, v] of Object.entries(s.properties as Schema)) props[k] = boundSchema(v, part);
    out.properties = props;
  }
  const open = s.additionalProperties;
  const isMap = s.patternProperties !== undefined || (open !== undefined && open !== false);
  if (type === 'object' && isMap && !has('maxProperties')) out.maxProperties = INPUT_BOUNDS.mapKeys;
  if (open && typeof open === 'object') out.additionalProperties = boundSchema(open, part);
  if (s.patternProperties && typeof s.patternProperties === 'object') {
    const pp: Schema = {};
    for (const [k, v] of Object.entries(s.patternProperties as Schema)) pp[k] = boundSchema(v, part);
    out.patternProperties = pp;
  }
  for (const combo of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[combo];
    if (Array.isArray(list)) out[combo] = list.map((x) => boundSchema(x, part));
  }
  return out as T;
}

/**
 * Text PostgreSQL cannot store or JSON cannot carry: a NUL (`\u0000`, `%00`; PostgreSQL refuses
 * it in text and jsonb) and a lone UTF-16 surrogate (`"\ud800"` is valid JSON but no character;
 * it breaks the audit log's JSON and every client that decodes it).
 */
export function badText(value: string): boolean {
  return value.includes('\u0000') || !value.isWellFormed();
}

/**
 * Walks a parsed input without recursion (a body may nest thousands deep) and without building
 * anything per value (it runs on every request): what is wrong with it, or null. Keys count as text.
 */
export function findBadInput(input: unknown, where: string): string | null {
  const values: unknown[] = [input];
  const depths: number[] = [0];
  let seen = 0;
  while (values.length) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (++seen > INPUT_BOUNDS.values) return `${where}: more than ${INPUT_BOUNDS.values} values`;
    if (typeof value === 'string') {
      if (badText(value)) return `${where}: a text contains a NUL character or broken Unicode`;
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= INPUT_BOUNDS.depth) return `${where}: nested deeper than ${INPUT_BOUNDS.depth} levels`;
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key in value) {
      if (badText(key)) return `${where}: a key contains a NUL character or broken Unicode`;
      values.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return null;
}

/** Refuses bad text and overly nested input before any route (and so the database) sees it. */
export function checkRequestInput(request: FastifyRequest) {
  for (const [part, value] of [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const) {
    if (value === undefined || value === null) continue;
    const problem = findBadInput(value, part);
    if (problem) throw new AppError('validation_failed', { detail: problem });
  }
}

/**
 * Installs the bounds on every route registered after it, and the bad-text check after every
 * route's validation (so a schema refuses a 40,000-key object before anything walks it) and before
 * any handler. Call before any route or plugin that declares routes.
 */
export function registerInputGuard(app: App) {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema) return;
    let body = schema.body ? boundSchema(schema.body as Schema, 'body') : undefined;
    // An empty PATCH changes nothing and would reach the database as an UPDATE without a SET.
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (body && methods.includes('PATCH') && body.type === 'object' && body.minProperties === undefined) {
      body = { ...body, minProperties: 1 };
    }
    route.schema = {
      ...schema,
      ...(body ? { body } : {}),
      ...(schema.querystring ? { querystring: boundSchema(schema.querystring, 'url') } : {}),
      ...(schema.params ? { params: boundSchema(schema.params, 'url') } : {}),
    };
  });
  app.addHook('preHandler', async (request) => {
    checkRequestInput(request);
  });
}
