/**
 * A unique-index violation: PostgreSQL's code 23505, on the error or on one it wraps (Drizzle
 * wraps the driver's error as its cause; PGlite and node-postgres both give the code).
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
