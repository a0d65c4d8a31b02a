/** The default of a switch that handles every variant: a new variant fails to compile there. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
