import type { TokenListPosition, TokenView } from '@pat/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

export const TOKEN_PAGE_CURSOR_MESSAGE = 'cursor must be the nextCursor of a previous page';

/** Where a page ended, as the client gets it back: the last item's creation time (ms) and id. */
export const TOKEN_PAGE_CURSOR_PATTERN =
  '^(\\d{1,15})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$';
const SHAPE = new RegExp(TOKEN_PAGE_CURSOR_PATTERN);

/** Where a page of a newest-first token list ended: the last item's creation time and id. */
export function encodeTokenPageCursor(view: Pick<TokenView, 'createdAt' | 'id'>): string {
  return `${view.createdAt.getTime()}.${view.id}`;
}

export function decodeTokenPageCursor(cursor: string): TokenListPosition | null {
  const match = SHAPE.exec(cursor);
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
