import { Type } from '@fastify/type-provider-typebox';
import { CustomFieldValues } from '../custom-fields/api-schema.ts';
import { actorOf, requireStaff } from '../identity/principal.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { setCustomerFields } from './set-values.ts';

/**
 * A customer's custom field values. They live above tickets/: a change is an event on the
 * customer's open tickets (triggers and webhooks hear it), while the fields' definitions and the
 * checking of a value (custom-fields/) sit below tickets, which uses them for a ticket's own values.
 */
export function registerCustomerFieldRoutes(app: App, { db, jobs }: Services) {
  app.patch(
    '/customers/:id/custom-fields',
    {
      schema: {
        tags: ['custom fields'],
        summary: "Set a customer's custom field values (null clears); audited",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ values: CustomFieldValues }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const who = requireStaff(request, 'customers:write');
      const actor = actorOf(who) as { actorType: 'agent' | 'integration'; actorId: string };
      const result = await setCustomerFields(
        db,
        jobs,
        request.params.id,
        request.body.values,
        { ...actor, ip: request.ip },
        requestLanguage(request),
      );
      return { customFields: result.customFields };
    },
  );
}
