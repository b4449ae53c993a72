/**
 * Variables in macro and trigger texts: `{{ticket.number}}`, `{{ticket.title}}`,
 * `{{ticket.status}}`, `{{ticket.priority}}`, `{{customer.name}}`, `{{customer.uid}}`,
 * `{{agent.name}}`. An unknown name stays as written, so a typo shows in the preview instead of
 * vanishing from the customer's reply.
 */
export type TemplateContext = Record<string, Record<string, string>>;

export const TEMPLATE_VARIABLES = [
  'ticket.number',
  'ticket.title',
  'ticket.status',
  'ticket.priority',
  'customer.name',
  'customer.uid',
  'agent.name',
] as const;

export function renderTemplate(text: string, context: TemplateContext): string {
  return text.replace(/\{\{\s*([a-z]+)\.([a-z]+)\s*\}\}/g, (whole, group: string, key: string) => {
    // Own properties only: `{{ticket.constructor}}` once printed Object's source into a reply.
    const values = Object.hasOwn(context, group) ? context[group] : undefined;
    return values && Object.hasOwn(values, key) ? String(values[key]) : whole;
  });
}
