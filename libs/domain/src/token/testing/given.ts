import { AssertionError, deepStrictEqual } from 'node:assert/strict';
import { DomainError } from '../../shared/domain-error';
import type { TokenCommand } from '../token.commands';
import { decide, evolve, foldTokenEvents, type TokenState } from '../token.decider';
import type { TokenEvent } from '../token.events';

/** Any error class, abstract or not, whatever its constructor takes. */
export type ErrorClass<E extends Error = Error> = abstract new (...args: never[]) => E;

export interface Scenario {
  when(command: TokenCommand): Outcome;
}

export interface Outcome {
  /** The command records exactly these events; returns the state after them. */
  then(expected: readonly TokenEvent[]): TokenState;
  /** The command is refused with an instance of `expected`, or a DomainError with that `code`. */
  thenThrows<E extends Error>(expected: ErrorClass<E>): E;
  thenThrows(expected: string): DomainError;
}

/**
 * Aggregate tests as `given(history).when(command).then(events)` or `.thenThrows(error)`.
 * History, state and command are frozen, so a decider that mutates its input fails the test.
 * Built on node:assert only: it is plain domain code, free of any test framework.
 */
export function given(history: readonly TokenEvent[]): Scenario {
  const events = deepFreeze(structuredClone([...history]));
  return { when: (command) => new DecisionOutcome(deepFreeze(foldTokenEvents(events)), deepFreeze(command)) };
}

class DecisionOutcome implements Outcome {
  constructor(
    private readonly state: TokenState,
    private readonly command: TokenCommand,
  ) {}

  then(expected: readonly TokenEvent[]): TokenState {
    const actual = decide(this.command, this.state);
    deepStrictEqual(actual, [...expected]);
    return actual.reduce(evolve, this.state);
  }

  thenThrows<E extends Error>(expected: ErrorClass<E>): E;
  thenThrows(expected: string): DomainError;
  thenThrows(expected: ErrorClass | string): Error {
    let recorded: TokenEvent[];
    try {
      recorded = decide(this.command, this.state);
    } catch (error) {
      assertMatches(error, expected);
      return error;
    }
    throw new AssertionError({
      message: `expected ${describe(expected)} to be thrown, but the command recorded ${JSON.stringify(recorded)}`,
    });
  }
}

function assertMatches(error: unknown, expected: ErrorClass | string): asserts error is Error {
  const matches =
    typeof expected === 'string' ? error instanceof DomainError && error.code === expected : error instanceof expected;
  if (!matches) {
    throw new AssertionError({
      message: `expected ${describe(expected)} to be thrown, got ${String(error)}`,
      actual: error,
      expected,
    });
  }
}

function describe(expected: ErrorClass | string): string {
  return typeof expected === 'string' ? `a DomainError with code "${expected}"` : expected.name;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
