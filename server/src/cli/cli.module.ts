import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { AuthModule } from '../modules/auth';
import { OrganizationsModule } from '../modules/organizations';
import { ScoringInputsModule } from '../modules/scoring';
import { SubmissionsModule } from '../modules/submissions';
import { PortsModule } from '../ports.module';

/** The part of the application the server commands use: no HTTP, no GraphQL. */
@Module({})
export class CliModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        AuthModule,
        OrganizationsModule,
        SubmissionsModule,
        ScoringInputsModule,
        // the rosters the current rankings are filled with (`gongkai seed`)
        PortsModule,
      ],
    };
  }
}
