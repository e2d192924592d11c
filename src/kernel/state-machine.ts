import { DomainError } from './errors.ts';

/**
 * One small generic state machine (Vendure's model): a table of allowed transitions per state.
 * `assertTransition` refuses anything the table does not list, with a stable code.
 */
export type TransitionTable<S extends string> = { readonly [K in S]: readonly S[] };

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

export function assertTransition<S extends string>(
  table: TransitionTable<S>,
  entity: string,
  from: S,
  to: S,
): void {
  if (!canTransition(table, from, to)) {
    throw new DomainError(
      'conflict',
      `${entity}.invalid_transition`,
      `A ${entity} cannot go from ${from} to ${to}.`,
      {
        from,
        to,
      },
    );
  }
}
