/** The variables a canned reply may use, filled from the ticket being answered. */
export interface TemplateContext {
  customer: { name: string | null; uid: string | null; email: string | null };
  ticket: { number: string; title: string };
  agent: { name: string; email: string };
}

/** Fills {{customer.name}}-style variables; unknown ones stay as written so the agent sees them. */
export function fillTemplate(body: string, ctx: TemplateContext): string {
  return body.replace(
    /\{\{\s*(customer|ticket|agent)\.(\w+)\s*\}\}/g,
    (whole, scope: string, field: string) => {
      const group = ctx[scope as keyof TemplateContext] as Record<string, string | null | undefined>;
      const value = group[field];
      if (value === undefined) return whole;
      return value ?? '';
    },
  );
}
