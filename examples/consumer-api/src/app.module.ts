import { Module, type DynamicModule } from '@nestjs/common';
import { PatGuardModule, type PatGuardOptions } from '@pat/nest-guard';
import { HealthController } from './health.controller';
import { ReportsController } from './reports.controller';

@Module({})
export class AppModule {
  static withGuard(options: PatGuardOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PatGuardModule.forRoot(options)],
      controllers: [HealthController, ReportsController],
    };
  }
}
