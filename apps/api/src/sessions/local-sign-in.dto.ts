import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

/** Visible characters and inner spaces only: a user id ends up in events, logs and headers. */
const USER_ID = /^[!-~\u00A0-\uFFFF](?:[ !-~\u00A0-\uFFFF]*[!-~\u00A0-\uFFFF])?$/u;

export class LocalSignInDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'alice' })
  @IsString({ message: 'userId must be a string' })
  @Length(1, 200, { message: 'userId must be 1–200 characters' })
  @Matches(USER_ID, { message: 'userId must be visible characters, without leading or trailing spaces' })
  userId!: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, example: 'alice@example.com' })
  @IsOptional()
  @IsString({ message: 'email must be a string' })
  @Length(3, 254, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ description: 'Sign in with the admin role (the audit trail, every token)', default: false })
  @IsOptional()
  @IsBoolean({ message: 'admin must be true or false' })
  admin?: boolean;
}
