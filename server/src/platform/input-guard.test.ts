import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseProblem } from '../faults/fuzz-cases.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { boundSchema, findBadInput } from './input-guard.ts';

/**
 * One request of each class of hostile input the OpenAPI fuzz (faults/openapi-fuzz.faults.ts)
 * found answering 500, a hang or another shape (issue 15.4): each must answer a 4xx in our shape.
 */
let desk: TestDesk;
let admin: Record<string, string>;
let customer: Record<string, string>;
let sectionId: string;
let sectionSlug: string;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = (await desk.signIn('admin')).write;
  customer = (await desk.customer('u-input-guard')).headers;
  const structure = (
    await desk.app.inject({ method: 'GET', url: '/api/v1/help/admin/structure', headers: admin })
  ).json();
  sectionId = structure.sections[0].id;
  sectionSlug = structure.sections[0].slug;
});
afterAll(async () => {
  await desk?.close();
});

async function refused(opts: InjectOptions, status: number, code?: string) {
  const res = await desk.app.inject({ ...opts, headers: { 'accept-language': 'en', ...opts.headers } });
  const where = `${opts.method} ${String(opts.url).slice(0, 80)}: ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect(responseProblem(res.statusCode, res.body), where).toBeNull();
  expect(res.statusCode, where).toBe(status);
  if (code) expect(res.json().error.code, where).toBe(code);
  return res.json().error as { code: string; message: string };
}

describe('NUL bytes and broken Unicode are refused before the database', () => {
  it('anonymously: sign-in, help search, article and category pages', async () => {
    await refused(
      { method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'a\u0000@x.example', password: 'x' } },
      400,
      'validation_failed',
    );
    await refused({ method: 'GET', url: '/api/v1/help/search?q=%00' }, 400, 'validation_failed');
    await refused({ method: 'GET', url: '/api/v1/help/suggest?q=a%00b' }, 400, 'validation_failed');
    await refused({ method: 'GET', url: '/api/v1/help/articles/a%00b' }, 400, 'validation_failed');
    await refused({ method: 'GET', url: '/api/v1/help/categories/%00' }, 400, 'validation_failed');
  });

  it('a lone surrogate (valid JSON, no character) never reaches the audit log', async () => {
    await refused(
      {
        method: 'POST',
        url: '/api/v1/admin/canned-replies',
        headers: { ...admin, 'content-type': 'application/json' },
        payload: '{"shortcut":"x1","title":"bad \\ud800","body":"b","language":null}',
      },
      400,
      'validation_failed',
    );
  });
});

describe('numbers, sizes and nesting are bounded', () => {
  it('offset=1e309 and a huge limit', async () => {
    await refused({ method: 'GET', url: '/api/v1/admin/audit-log?offset=1e309', headers: admin }, 400);
    await refused({ method: 'GET', url: '/api/v1/help/admin/articles?offset=1e309', headers: admin }, 400);
    await refused({ method: 'GET', url: '/api/v1/admin/audit-log?limit=99999999999', headers: admin }, 400);
  });

  it('an integer past PostgreSQL integer in a body', async () => {
    await refused(
      {
        method: 'PATCH',
        url: `/api/v1/help/admin/sections/${sectionId}`,
        headers: admin,
        payload: { position: 99_999_999_999 },
      },
      400,
      'validation_failed',
    );
  });

  it('deep nesting', async () => {
    await refused(
      {
        method: 'POST',
        url: '/api/v1/channels',
        headers: { ...admin, 'content-type': 'application/json' },
        payload: `{"kind":"webhook","name":"n","enabled":false,"settings":{"a":${'['.repeat(2_000)}${']'.repeat(2_000)}}}`,
      },
      400,
    );
  });

  it('the schemas carry the bounds into the OpenAPI document', () => {
    const bounded = boundSchema(
      { type: 'object', properties: { n: { type: 'integer' }, s: { type: 'string' }, a: { type: 'array' } } },
      'body',
    ) as { properties: Record<string, Record<string, unknown>> };
    expect(bounded.properties.n).toMatchObject({ maximum: 2_147_483_647 });
    expect(bounded.properties.s).toMatchObject({ maxLength: 100_000 });
    expect(bounded.properties.a).toMatchObject({ maxItems: 1_000 });
    expect(findBadInput({ a: [[[['\u0000']]]] }, 'body')).toMatch(/NUL/);
  });
});

describe('writes that changed nothing or collide', () => {
  it('an empty PATCH on the help admin routes is a 400', async () => {
    await refused(
      { method: 'PATCH', url: `/api/v1/help/admin/sections/${sectionId}`, headers: admin, payload: {} },
      400,
      'validation_failed',
    );
  });

  it('a taken slug is a 409 in the caller language', async () => {
    const error = await refused(
      {
        method: 'POST',
        url: '/api/v1/help/admin/sections',
        headers: admin,
        payload: { slug: sectionSlug, titleZh: '重复', titleEn: 'Duplicate' },
      },
      409,
    );
    expect(error.message).toContain('slug');
    const zh = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/help/admin/sections?lang=zh-CN',
      headers: admin,
      payload: { slug: sectionSlug, titleZh: '重复', titleEn: 'Duplicate' },
    });
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("Fastify's own refusals answer in our shape", () => {
  it('a path parameter over 100 characters, bad percent-encoding, an unknown route', async () => {
    await refused({ method: 'GET', url: `/api/v1/help/articles/${'a'.repeat(150)}` }, 414, 'uri_too_long');
    await refused({ method: 'GET', url: '/api/v1/help/articles/%E0%A4%A' }, 400, 'bad_request');
    await refused({ method: 'GET', url: '/api/v1/no/such/route' }, 404, 'not_found');
  });

  it('content types, empty and bad JSON, a body too large', async () => {
    const url = '/api/v1/auth/sign-in';
    await refused(
      { method: 'POST', url, headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
      415,
    );
    await refused({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '' }, 400);
    await refused(
      { method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{"a":' },
      400,
    );
    await refused(
      {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: `"${'x'.repeat(1_100_000)}"`,
      },
      413,
    );
  });

  it('multipart without a boundary', async () => {
    await refused(
      {
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...customer, 'content-type': 'multipart/form-data' },
        payload: 'x',
      },
      400,
      'bad_request',
    );
  });
});
