import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

/** More than a scanner finds in one file; a report of more is refused (400), not cut short. */
export const MAX_REPORTED_TOKENS = 100;
/** Far above a token's length (50), so a token with surrounding junk is still only refused as a string. */
export const MAX_REPORTED_LENGTH = 200;

export class LeakReportDto {
  @ApiProperty({
    description: `The strings found, each believed to be a token of this service; at most ${MAX_REPORTED_TOKENS}, each at most ${MAX_REPORTED_LENGTH} characters`,
    type: [String],
    maxItems: MAX_REPORTED_TOKENS,
    items: { type: 'string', maxLength: MAX_REPORTED_LENGTH },
    example: ['pat_…'],
  })
  // Registered bottom-up: the first check that fails names the problem.
  @ArrayMaxSize(MAX_REPORTED_TOKENS, { message: `tokens must hold at most ${MAX_REPORTED_TOKENS} strings` })
  @MaxLength(MAX_REPORTED_LENGTH, {
    each: true,
    message: `each of tokens must be at most ${MAX_REPORTED_LENGTH} characters`,
  })
  @IsString({ each: true, message: 'each of tokens must be a string' })
  @IsArray({ message: 'tokens must be an array of strings' })
  tokens!: string[];
}
