import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface WhoamiView {
  userId: string;
  tokenId: string;
  tokenName: string;
  expiresAt: string;
}

interface SeededView extends WhoamiView {
  digest: string;
}

/** The baselines' token store: the views of VIEWS_FILE by digest, and the lookup of a header value. */
export function seededViews(): (token: string) => WhoamiView | undefined {
  const pepper = process.env.TOKEN_PEPPER ?? '';
  const views = new Map<string, WhoamiView>();
  for (const { digest, ...view } of JSON.parse(readFileSync(process.env.VIEWS_FILE ?? '', 'utf8')) as SeededView[]) {
    views.set(digest, view);
  }
  return (token) => views.get(createHmac('sha256', pepper).update(token).digest('hex'));
}
