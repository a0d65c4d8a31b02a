import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** How many items a page of any list holds at most, and when `limit` is not given. */
export const PAGE_MAX = 500;
export const PAGE_DEFAULT = 100;
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${PAGE_MAX}`;

/** The `limit` query parameter of a paged list. */
export function PageLimit(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: PAGE_MAX, default: PAGE_DEFAULT }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: LIMIT_MESSAGE }),
    Min(1, { message: LIMIT_MESSAGE }),
    Max(PAGE_MAX, { message: LIMIT_MESSAGE }),
  );
}
