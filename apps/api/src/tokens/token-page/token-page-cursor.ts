import type { TokenListPosition, TokenView } from '@pat/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

export const TOKEN_PAGE_CURSOR_MESSAGE = 'cursor must be the nextCursor of a previous page';

const SHAPE = /^(\d{1,15})\.([0-9a-f-]{36})$/;
/** The cursor as the client sees it: base64url of the shape above. */
export const TOKEN_PAGE_CURSOR_PATTERN = '^[A-Za-z0-9_-]{1,80}$';
const ENCODED = new RegExp(TOKEN_PAGE_CURSOR_PATTERN);

/** Where a page of a newest-first token list ended: the last item's creation time and id. */
export function encodeTokenPageCursor(view: Pick<TokenView, 'createdAt' | 'id'>): string {
  return Buffer.from(`${view.createdAt.getTime()}.${view.id}`, 'utf8').toString('base64url');
}

export function decodeTokenPageCursor(cursor: string): TokenListPosition | null {
  if (!ENCODED.test(cursor)) return null;
  const match = SHAPE.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { createdAt: new Date(Number(match[1])), id: match[2] } : null;
}

export function IsTokenPageCursor(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTokenPageCursor',
      validator: { validate: (value) => typeof value === 'string' && decodeTokenPageCursor(value) !== null },
    },
    options,
  );
}
