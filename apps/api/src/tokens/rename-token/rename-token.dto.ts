import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsString, ValidateIf } from 'class-validator';
import { MAX_REQUESTS_PER_SECOND_PROPERTY } from '../rate-limit.property';

/** A PATCH of a token: what is given changes, what is absent stays. */
export class EditTokenDto {
  @ApiPropertyOptional({
    description: 'The new name, by the rules of a name at generation (NFC, trimmed, 1–100 characters).',
    minLength: 1,
    example: 'CI deploy (staging)',
  })
  @ValidateIf((body: EditTokenDto) => body.maxRequestsPerSecond === undefined || body.name !== undefined)
  @IsDefined({ message: 'name is required (or maxRequestsPerSecond)' })
  @IsString({ message: 'name must be a string' })
  name?: string;

  @ApiPropertyOptional({ ...MAX_REQUESTS_PER_SECOND_PROPERTY, description: 'The new rate limit; null removes it.' })
  @ValidateIf((body: EditTokenDto) => body.maxRequestsPerSecond != null)
  @IsInt({ message: 'maxRequestsPerSecond must be a whole number of requests a second, or null' })
  maxRequestsPerSecond?: number | null;
}
