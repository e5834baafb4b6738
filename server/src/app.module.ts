import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { graphqlOptions } from './graphql/graphql.options';
import { SystemModule } from './modules/system/system.module';

/**
 * The application, given its validated configuration and an initialised, migrated data source
 * (boot owns the database lifecycle so that failures are reported before Nest starts).
 */
@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        GraphQLModule.forRoot(graphqlOptions()),
        SystemModule,
      ],
    };
  }
}
