import { Type } from '@fastify/type-provider-typebox';
import { HEX_COLOUR } from '../../../shared/brand-colours.ts';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import type { App, Services } from '../platform/services.ts';
import { brandStylesheet, readBrand, saveBrand } from './settings.ts';

const tags = ['brand'];
const Colour = Type.Union([Type.String({ pattern: HEX_COLOUR }), Type.Null()]);
const Words = Type.String({ maxLength: 1000 });
const BrandBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameZh: Type.String({ maxLength: 100 }),
    primaryColour: Colour,
    accentColour: Colour,
    verifyIntro: Type.Object({ 'zh-CN': Words, en: Words }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** The customer pages fetch these on every page: a minute's cache keeps that cheap, edits show soon. */
const PUBLIC_CACHE = 'public, max-age=60';

/** The brand's name, colours and verify-page words: customers read them, admins set them. */
export function registerBrandRoutes(app: App, { db }: Services) {
  app.get(
    '/brand',
    {
      config: { public: true },
      schema: { tags, summary: "The brand's name, colours and verify-page words" },
    },
    async (_request, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return readBrand(db);
    },
  );

  app.get(
    '/brand.css',
    { config: { public: true }, schema: { tags, summary: "The brand's colours as a stylesheet" } },
    async (_request, reply) => {
      reply.header('cache-control', PUBLIC_CACHE).type('text/css; charset=utf-8');
      return brandStylesheet(await readBrand(db));
    },
  );

  app.put(
    '/admin/brand',
    {
      schema: {
        tags,
        summary: "Set the brand's name, colours and verify-page words (admins)",
        body: BrandBody,
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const { before, after } = await saveBrand(db, request.body);
      const changed = (Object.keys(after) as Array<keyof typeof after>).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'brand.update',
        targetType: 'settings',
        targetId: 'brand',
        data: { changed },
      });
      return after;
    },
  );
}
