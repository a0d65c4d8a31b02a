/** `tokenMaxLifetimeDays` → `TOKEN_MAX_LIFETIME_DAYS`: the variable a schema key is read from. */
export function variableName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

/** Where a secret may be given as a file's content instead (Docker and Kubernetes secrets). */
export function fileVariableName(key: string): string {
  return `${variableName(key)}_FILE`;
}
