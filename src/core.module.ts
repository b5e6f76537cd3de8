import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule } from './config/config.module';
import { Env } from './config/env';
import { dataSourceOptions } from './database/data-source-options';
import { pinoHttpOptions } from './logging';

/** What every process needs, API or worker: the validated settings, logging and the database (all global). */
@Module({})
export class CoreModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        AppConfigModule.forRoot(env),
        LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(env) }),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(env.DATABASE_URL),
          autoLoadEntities: true,
          retryAttempts: 0,
        }),
      ],
    };
  }
}
