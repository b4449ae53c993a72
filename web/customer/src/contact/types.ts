import type { FieldRule } from '../../../../shared/field-rules.ts';

export type Channel = 'chat' | 'ticket' | 'email' | 'hotline' | 'help' | 'social';

export interface Options {
  recommended: Channel;
  reason: string;
  options: Array<{ channel: Channel; available: boolean; reason: string }>;
  live: {
    chat: {
      humanOnShift: boolean;
      queueLength: number;
      estimatedWaitSeconds: number | null;
      /** Outside the team's chat hours: when it opens next, if known. */
      opensAt: string | null;
    };
    ticketReplyHours: number | null;
    hotline: { exists: boolean; openNow: boolean };
  };
}

export interface Hotline {
  id: string;
  number: string;
  telUrl: string;
  languages: string[];
  noteZh: string | null;
  noteEn: string | null;
  openNow: boolean;
}

export interface Hotlines {
  region: string;
  lines: Hotline[];
  none: boolean;
  regionsWithLines: string[];
}

export interface OfficialAccount {
  kind: string;
  value: string;
  name: string;
  url: string | null;
}

/** A checklist field as GET /categories gives it: the shared rules' fields with their labels. */
export interface FormField extends FieldRule {
  labelZh: string;
  labelEn: string;
}

export interface Category {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  form: { fields: FormField[] };
}
