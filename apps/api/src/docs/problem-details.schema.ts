import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CODES } from '../http/problem-catalog';

export class FieldErrorSchema {
  @ApiProperty({ example: 'expiresInDays' }) field!: string;
  @ApiProperty({ example: 'expiresInDays must be at most 365' }) message!: string;
}

export class ProblemDetailsSchema {
  @ApiProperty({ example: 'https://pat-service.dev/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Bad Request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: 'Stable machine-readable code', enum: PROBLEM_CODES, example: 'validation_failed' })
  code!: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema] }) errors?: FieldErrorSchema[];
}
