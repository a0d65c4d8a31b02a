/** The wait before attempt `attempt + 1` after `attempt` failed ones: first delay × factor^(attempt − 1). */
export function retryDelayMs(attempt: number, firstDelayMs: number, factor: number): number {
  return firstDelayMs * factor ** Math.max(0, attempt - 1);
}
