export const ROUTES = {
  home: '/',
  settings: '/settings',
  signIn: '/sign-in',
  tokens: '/settings/tokens',
  audit: '/settings/audit',
  allTokens: '/settings/all-tokens',
} as const;

const KNOWN: ReadonlySet<string> = new Set(Object.values(ROUTES));

export function isKnownRoute(path: string): boolean {
  return KNOWN.has(path);
}
