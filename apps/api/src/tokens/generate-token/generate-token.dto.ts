import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsDefined, IsInt, IsString, ValidateIf } from 'class-validator';
import { MAX_REQUESTS_PER_SECOND_PROPERTY } from '../rate-limit.property';

export class GenerateTokenDto {
  @ApiProperty({
    description:
      'Normalised to NFC and trimmed; then 1–100 characters (code points; as sent, decomposed, up to 4 each). Letters of every script, marks, digits, ' +
      'punctuation, symbols and emoji, and spaces are kept. Refused with 400 (the message names the code point, ' +
      'such as U+202E): control characters, invisible format characters (bidirectional controls U+202A–202E and ' +
      'U+2066–2069, zero-width space U+200B, byte order mark U+FEFF, soft hyphen, tags), line and paragraph ' +
      'separators U+2028/2029, private-use and lone surrogate code points. A zero-width joiner U+200D ' +
      'or non-joiner U+200C is kept between two visible characters (emoji sequences, Persian and Indic words), ' +
      "refused anywhere else. Code points not yet assigned in the server's Unicode version (newer emoji) are kept.",
    minLength: 1,
    example: 'CI deploy',
  })
  @IsDefined({ message: 'name is required' })
  @IsString({ message: 'name must be a string' })
  name!: string;

  @ApiPropertyOptional({
    description:
      'Lifetime in whole days, at most TOKEN_MAX_LIFETIME_DAYS. Give this or expiresAt, not both; neither means 30 days.',
    type: 'integer',
    minimum: 1,
    example: 30,
  })
  @ValidateIf((body: GenerateTokenDto) => body.expiresInDays !== undefined)
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  expiresInDays?: number;

  @ApiPropertyOptional({
    description:
      'ISO-8601 date-time with a time zone (or a date: midnight UTC), at least 60 s ahead and at most ' +
      'TOKEN_MAX_LIFETIME_DAYS; null means never (only where TOKEN_ALLOW_NO_EXPIRY is set). Not with expiresInDays.',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  @ValidateIf((body: GenerateTokenDto) => body.expiresAt !== undefined && body.expiresAt !== null)
  @IsString({ message: 'expiresAt must be an ISO-8601 date-time string or null' })
  expiresAt?: string | null;

  @ApiPropertyOptional({
    description:
      'The scopes the token carries: a non-empty list of the scopes this service declares (each is listed with ' +
      'its description in the `x-scopes` of this document and on the token page). A scope that includes others ' +
      'grants them too. Absent: every declared scope. An unknown name is refused with 400 naming it.',
    type: [String],
    minItems: 1,
    example: ['read_api'],
  })
  @ValidateIf((body: GenerateTokenDto) => body.scopes !== undefined)
  @IsArray({ message: 'scopes must be an array of scope names' })
  scopes?: string[];

  @ApiPropertyOptional(MAX_REQUESTS_PER_SECOND_PROPERTY)
  @ValidateIf((body: GenerateTokenDto) => body.maxRequestsPerSecond != null)
  @IsInt({ message: 'maxRequestsPerSecond must be a whole number of requests a second, or null' })
  maxRequestsPerSecond?: number | null;
}
