import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { DB } from './schema.ts';

// Statements on hot paths, built with Kysely once instead of on every call (decision 0016).
// Building and compiling a query is most of what Kysely costs: a select with two joins takes
// about 80 µs on the 2-core benchmark machine, and a submission runs a dozen statements. A
// prepared statement is written with the query builder as usual, with `param('name')` where a
// value goes; the first call compiles it, and every later call only puts the values in place.

const PARAM = Symbol('layan.param');

interface Placeholder {
  readonly [PARAM]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && PARAM in value;
}

/**
 * A named value of a prepared statement, typed as the column it stands for. Use it where a single
 * value goes (`=`, `values`, `set`); not for `in` lists or `is null`, whose SQL depends on the value.
 */
export function param<T>(name: string): T {
  return { [PARAM]: name } as unknown as T;
}

export interface Prepared<P, R> {
  /** Runs the statement on `db` (a transaction or the pool) with these values. */
  execute(db: Kysely<DB>, values: P): Promise<QueryResult<R>>;
}

/**
 * Prepares a statement. `build` must use nothing but its argument, constants and `param()`: it
 * runs once, so any other value it read would be frozen into every later call (no check can tell
 * such a value from a constant; keep prepared statements at module level). Checked: every value
 * the caller passes has a placeholder (on the first call) and every placeholder gets a value.
 */
export function prepared<P extends Record<string, unknown>, R>(build: (db: Kysely<DB>) => Compilable<R>): Prepared<P, R> {
  let compiled: CompiledQuery<R> | undefined;
  let names: Array<string | undefined> = [];
  return {
    async execute(db, values) {
      if (!compiled) {
        compiled = build(db).compile();
        names = compiled.parameters.map((p) => (isPlaceholder(p) ? p[PARAM] : undefined));
        const missing = Object.keys(values).filter((key) => !names.includes(key));
        if (missing.length) throw new Error(`Prepared statement has no param() for ${missing.join(', ')}`);
      }
      const base = compiled;
      const parameters = base.parameters.map((constant, i) => {
        const name = names[i];
        if (name === undefined) return constant;
        const value = values[name];
        if (value === undefined) throw new Error(`Prepared statement needs a value for "${name}"`);
        return value;
      });
      return db.executeQuery<R>({ query: base.query, queryId: createQueryId(), sql: base.sql, parameters });
    },
  };
}
