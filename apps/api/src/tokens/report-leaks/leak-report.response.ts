import { ApiProperty } from '@nestjs/swagger';

/** The same for every report: it never says which strings were tokens. */
export class LeakReportResponse {
  @ApiProperty({ type: 'integer', description: 'How many strings the report held', example: 1 })
  received!: number;
}
