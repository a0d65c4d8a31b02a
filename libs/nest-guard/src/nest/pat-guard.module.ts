import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import type { TokenAuthority } from '../core/token-authority';
import { ApiTokenGuard } from './api-token.guard';
import { PatApiTokenStrategy } from './pat-api-token.strategy';
import { createTokenAuthority, PAT_TOKEN_AUTHORITY, type PatGuardOptions } from './pat-guard.options';

/** `PatGuardModule.forRoot({ mongoUrl, tokenPepper, tokenPrefix })` or `.forRoot({ verifyUrl })`, once, in the root module. */
@Module({})
export class PatGuardModule implements OnApplicationShutdown {
  constructor(@Inject(PAT_TOKEN_AUTHORITY) private readonly authority: TokenAuthority) {}

  static forRoot(options: PatGuardOptions): DynamicModule {
    return {
      module: PatGuardModule,
      global: true,
      imports: [PassportModule],
      providers: [
        { provide: PAT_TOKEN_AUTHORITY, useFactory: () => createTokenAuthority(options) },
        PatApiTokenStrategy,
        ApiTokenGuard,
      ],
      exports: [PAT_TOKEN_AUTHORITY, ApiTokenGuard],
    };
  }

  onApplicationShutdown(): Promise<void> {
    return this.authority.close();
  }
}
