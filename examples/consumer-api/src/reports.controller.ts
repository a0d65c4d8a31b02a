import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTokenGuard, RequireScopes, TokenPrincipal } from '@pat/nest-guard';

/** Two routes of an ordinary service: reading needs `read_api`, deploying needs `api`. */
@Controller()
@UseGuards(ApiTokenGuard)
export class ReportsController {
  @Get('reports')
  @RequireScopes('read_api')
  list(@TokenPrincipal() caller: TokenPrincipal): { reports: string[]; readBy: string } {
    return { reports: ['weekly', 'monthly'], readBy: caller.userId };
  }

  @Post('deployments')
  @HttpCode(201)
  @RequireScopes('api')
  deploy(@TokenPrincipal() caller: TokenPrincipal, @Body() body: unknown): { deployedBy: string; release: unknown } {
    return { deployedBy: caller.userId, release: (body as { release?: unknown } | undefined)?.release ?? null };
  }
}
