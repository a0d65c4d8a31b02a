// The naive baseline: what a team writes first. NestJS on Express, passport-headerapikey,
// and one mongoose findOne per request on the product's own read-model collection.
import 'reflect-metadata';
import { Controller, Get, Injectable, Module, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import type { NestExpressApplication } from '@nestjs/platform-express';
import mongoose, { Schema } from 'mongoose';
import { createHmac } from 'node:crypto';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';

interface TokenDocument {
  _id: string;
  userId: string;
  name: string;
  tokenDigest: string;
  status: string;
  expiresAt: Date | null;
}

interface Principal {
  userId: string;
  tokenId: string;
  tokenName: string;
  expiresAt: string | null;
}

const Tokens = mongoose.model<TokenDocument>(
  'TokenView',
  new Schema<TokenDocument>({
    _id: String,
    userId: String,
    name: String,
    tokenDigest: String,
    status: String,
    expiresAt: Date,
  }),
  'token_views',
);

@Injectable()
class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor() {
    super({ header: 'X-API-Token', prefix: '' }, false);
  }

  async validate(apiKey: string): Promise<Principal> {
    const tokenDigest = createHmac('sha256', process.env.TOKEN_PEPPER ?? '')
      .update(apiKey)
      .digest('hex');
    const token = await Tokens.findOne({ tokenDigest }).lean().exec();
    if (!token || token.status !== 'active' || (token.expiresAt !== null && token.expiresAt <= new Date())) {
      throw new UnauthorizedException();
    }
    return {
      userId: token.userId,
      tokenId: token._id,
      tokenName: token.name,
      expiresAt: token.expiresAt?.toISOString() ?? null,
    };
  }
}

@Controller()
class WhoamiController {
  @Get('api/v1/whoami')
  @UseGuards(AuthGuard('api-key'))
  whoami(@Req() request: { user: Principal }): Principal {
    return request.user;
  }

  @Get('health/ready')
  ready(): string {
    return 'ok';
  }
}

@Module({ imports: [PassportModule], controllers: [WhoamiController], providers: [ApiKeyStrategy] })
class NaiveModule {}

async function main(): Promise<void> {
  await mongoose.connect(process.env.MONGO_URL ?? '');
  const app = await NestFactory.create<NestExpressApplication>(NaiveModule, { logger: ['error', 'warn'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
