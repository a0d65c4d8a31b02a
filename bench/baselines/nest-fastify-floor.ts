// The framework floor: the least any NestJS + Fastify + passport-headerapikey service can do per
// request. One passport strategy checking the HMAC of the header against a Map; no logs, no
// metrics, no problem+json, no read model. The product runs on this stack, so this is its limit.
import 'reflect-metadata';
import { Controller, Get, Injectable, Module, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { seededViews, type WhoamiView } from './seeded-views';

const lookUp = seededViews();

@Injectable()
class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor() {
    super({ header: 'X-API-Token', prefix: '' }, false);
  }

  validate(apiKey: string): WhoamiView {
    const view = lookUp(apiKey);
    if (view === undefined) throw new UnauthorizedException();
    return view;
  }
}

@Controller()
class WhoamiController {
  @Get('api/v1/whoami')
  @UseGuards(AuthGuard('api-key'))
  whoami(@Req() request: { user: WhoamiView }): WhoamiView {
    return request.user;
  }

  @Get('health/ready')
  ready(): string {
    return 'ok';
  }
}

@Module({ imports: [PassportModule], controllers: [WhoamiController], providers: [ApiKeyStrategy] })
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
