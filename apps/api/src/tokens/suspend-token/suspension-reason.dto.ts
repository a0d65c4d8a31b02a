import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const REASON_MAX_LENGTH = 200;
/** No control characters (C0, C1), soft hyphen, zero-width, bidirectional or other invisible format characters; the OpenAPI document states it as is. */
// eslint-disable-next-line no-control-regex
const REASON_PATTERN = /^[^\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]*$/;

/** The optional body of suspend and reactivate; no body at all is the same as `{}`. */
export class SuspensionReasonDto {
  static readonly bodyIsOptional = true;

  @ApiPropertyOptional({
    description:
      `Why, for the audit trail: at most ${REASON_MAX_LENGTH} characters. Refused with 400: control characters ` +
      '(U+0000–001F, U+007F–009F), the soft hyphen, zero-width and bidirectional marks (U+200B–200F, U+202A–202E, ' +
      'U+2060–206F), line and paragraph separators (U+2028/2029) and the byte order mark.',
    maxLength: REASON_MAX_LENGTH,
    pattern: REASON_PATTERN.source,
    nullable: true,
    type: String,
    example: 'Investigating unexpected calls',
  })
  @IsOptional()
  @IsString({ message: 'reason must be a string' })
  @MaxLength(REASON_MAX_LENGTH, { message: `reason must be at most ${REASON_MAX_LENGTH} characters` })
  @Matches(REASON_PATTERN, {
    message: 'reason must not contain control or invisible characters',
  })
  reason?: string | null;
}
