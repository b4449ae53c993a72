import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { keys, putSaved } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { TicketDetail } from '../lib/types.ts';
import { useUpdateTicket } from '../ticket/Properties.tsx';
import { FieldsForm } from './FieldsForm.tsx';
import './fields.css';
import { type FieldValue, useCustomFields } from './types.ts';

/** The ticket's custom fields in the sidebar: PATCH /tickets/:id { customFields }. */
export function TicketFieldsPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const defs = useCustomFields();
  const update = useUpdateTicket(ticket);
  const fields = (defs.data?.items ?? []).filter((f) => f.entity === 'ticket');
  if (fields.length === 0) return null;
  return (
    <section className="panel ticket-fields" data-testid="ticket-fields">
      <h3>{t('fields.ticket')}</h3>
      <FieldsForm
        key={JSON.stringify(ticket.customFields ?? {})}
        fields={fields}
        values={ticket.customFields ?? {}}
        name={t('fields.ticket')}
        pending={update.isPending}
        error={update.error}
        onSave={(customFields) => update.mutateAsync({ customFields })}
      />
    </section>
  );
}

/** The customer's custom fields, in the customer panel: PATCH /customers/:id/custom-fields (audited). */
export function CustomerFields({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const client = useQueryClient();
  const defs = useCustomFields();
  const save = useMutation({
    mutationFn: (values: Record<string, FieldValue | null>) =>
      api<{ customFields: Record<string, unknown> }>(
        'PATCH',
        `/customers/${ticket.customer.id}/custom-fields`,
        {
          values,
        },
      ),
    onSuccess: ({ customFields }) =>
      putSaved<TicketDetail>(client, keys.ticket(ticket.number), (old) =>
        old ? { ...old, customer: { ...old.customer, customFields } } : old,
      ),
  });
  const fields = (defs.data?.items ?? []).filter((f) => f.entity === 'customer');
  if (fields.length === 0) return null;
  const values = ticket.customer.customFields ?? {};
  return (
    <div className="customer-fields" data-testid="customer-fields">
      <h4>{t('fields.customer')}</h4>
      <FieldsForm
        key={JSON.stringify(values)}
        fields={fields}
        values={values}
        name={t('fields.customer')}
        pending={save.isPending}
        error={save.error}
        onSave={(v) => save.mutateAsync(v)}
      />
    </div>
  );
}
