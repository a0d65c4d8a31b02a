import { Controller, Get } from '@nestjs/common';

/** Open to anyone: for probes, and to show that only guarded routes ask for a token. */
@Controller('health')
export class HealthController {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
