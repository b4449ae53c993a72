import { Type } from '@fastify/type-provider-typebox';

/** A write of custom field values: key → value (null clears); types are checked on the write. */
export const CustomFieldValues = Type.Record(
  Type.String({ minLength: 1, maxLength: 64 }),
  Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), Type.Null()]),
  { maxProperties: 50 },
);

/** The inbox's filter on a custom ticket field (the list and its view counts). */
export const FieldFilterQuery = {
  fieldKey: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 73,
      description: 'A custom ticket field, or `customer.<key>` for a field of the customer: with fieldValue',
    }),
  ),
  fieldValue: Type.Optional(
    Type.String({ maxLength: 200, description: "That field's value, exactly (true/false for a checkbox)" }),
  ),
};
