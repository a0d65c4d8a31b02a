/** From `expiresAt` on (to the millisecond) a token is expired, recorded or not. */
export function hasPassed(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && now.getTime() >= expiresAt.getTime();
}
