// Every capability's tables, gathered for the query layer and for drizzle-kit.
export * from '../attachments/schema.ts';
export * from '../audit/schema.ts';
export * from '../canned/schema.ts';
export * from '../channels/email/schema.ts';
export * from '../channels/schema.ts';
export * from '../chat/schema.ts';
export * from '../contact/schema.ts';
export * from '../csat/schema.ts';
export * from '../customers/schema.ts';
export * from '../desk/schema.ts';
export * from '../identity/schema.ts';
export * from '../notifications/agent-schema.ts';
export * from '../notifications/schema.ts';
export * from '../safety/schema.ts';
export * from '../sla/schema.ts';
export * from '../tickets/schema.ts';
export * from '../workspace/schema.ts';
