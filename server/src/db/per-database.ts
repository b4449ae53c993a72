import type { Db } from './client.ts';

/**
 * A value made once per database handle, such as a prepared statement: built on first use, kept
 * as long as the handle lives (tests run several desks in one process, each with its own).
 */
export function perDatabase<T extends object>(build: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (!value) {
      value = build(db);
      made.set(db, value);
    }
    return value;
  };
}
