import type { Priority, TicketStatus } from '../lib/types.ts';

/** The actions a macro holds, as the API's ActionSchema spells them (server/src/automations/actions.ts). */
export type MacroAction =
  | { type: 'reply'; zh: string; en: string }
  | { type: 'note'; body: string }
  | { type: 'status'; value: TicketStatus }
  | { type: 'priority'; value: Priority }
  | { type: 'team'; value: string | null }
  | { type: 'assignee'; value: string | null | 'me' }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | {
      type: 'set_field';
      entity?: 'ticket' | 'customer';
      key: string;
      value: string | number | boolean | null;
    };

export interface Macro {
  id: string;
  name: string;
  scope: 'shared' | 'personal';
  ownerId: string | null;
  actions: MacroAction[];
  usageCount: number;
  lastUsedAt: string | null;
  updatedAt: string;
}

/** POST /tickets/:ticket/macros/:id/preview */
export interface MacroPreview {
  reply: { language: 'zh-CN' | 'en'; body: string } | null;
  notes: string[];
  /** A custom field's change is `field:<key>`, a customer field's `customer_field:<key>`. */
  changes: Array<{
    field:
      | 'status'
      | 'priority'
      | 'team'
      | 'assignee'
      | 'tags'
      | `field:${string}`
      | `customer_field:${string}`;
    from: unknown;
    to: unknown;
  }>;
}

export const macroKeys = {
  all: ['macros'] as const,
  preview: (ticketId: string, macroId: string) => ['macros', 'preview', ticketId, macroId] as const,
};
