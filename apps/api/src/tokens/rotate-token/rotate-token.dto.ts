import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

export const OVERLAP_SECONDS_LIMIT = 86_400;

/** The optional body of a rotation; no body at all is the same as `{}`. */
export class RotateTokenDto {
  static readonly bodyIsOptional = true;

  @ApiPropertyOptional({
    description:
      'How long the old token keeps working beside its successor, in seconds: 0 (the default) ends it at once. ' +
      'At most TOKEN_ROTATION_MAX_OVERLAP_SECONDS (default 86400, 24 h); more is refused with 400.',
    type: 'integer',
    minimum: 0,
    maximum: OVERLAP_SECONDS_LIMIT,
    example: 3600,
  })
  @ValidateIf((body: RotateTokenDto) => body.overlapSeconds !== undefined)
  @IsInt({ message: 'overlapSeconds must be a whole number of seconds' })
  @Min(0, { message: 'overlapSeconds must be at least 0' })
  @Max(OVERLAP_SECONDS_LIMIT, { message: `overlapSeconds must be at most ${OVERLAP_SECONDS_LIMIT}` })
  overlapSeconds?: number;
}
