// Every capability's tables, gathered for the query layer and for drizzle-kit.
export * from '../attachments/schema.ts';
export * from '../audit/schema.ts';
export * from '../customers/schema.ts';
export * from '../desk/schema.ts';
export * from '../help/schema.ts';
export * from '../identity/schema.ts';
export * from '../notifications/schema.ts';
export * from '../tickets/schema.ts';
