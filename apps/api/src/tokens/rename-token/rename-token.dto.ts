import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString } from 'class-validator';

export class RenameTokenDto {
  @ApiProperty({
    description: 'The new name, by the rules of a name at generation (NFC, trimmed, 1–100 characters).',
    minLength: 1,
    example: 'CI deploy (staging)',
  })
  @IsDefined({ message: 'name is required' })
  @IsString({ message: 'name must be a string' })
  name!: string;
}
