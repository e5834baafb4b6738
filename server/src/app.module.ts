import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HttpErrorFilter } from './common/http-exception.filter';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { graphqlOptions } from './graphql/graphql.options';
import { withIntrospectionPolicy } from './graphql/introspection-policy';
import { AuditModule } from './modules/audit';
import { AuthModule, AuthService } from './modules/auth';
import { OrganizationsModule } from './modules/organizations';
import { ReviewModule } from './modules/review';
import { RollupModule } from './modules/rollup';
import { RoundsModule } from './modules/rounds';
import { SubmissionsModule } from './modules/submissions';
import { SystemModule } from './modules/system';
import { ScoringModule } from './modules/scoring';
import { ExportsModule } from './modules/exports';
import { OverviewModule } from './modules/overview';
import { StaffingModule } from './modules/staffing';
import { JobsModule } from './jobs/jobs.module';
import { PortsModule } from './ports.module';
import { NotificationsModule } from './modules/notifications';
import { ImportBatchesModule } from './modules/imports';

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
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [AuthService],
          useFactory: (auth: AuthService) =>
            withIntrospectionPolicy(graphqlOptions(), {
              production: config.nodeEnv === 'production',
              isSignedIn: async ({ req }) => (await auth.actorOf(req)) !== null,
            }),
        }),
        SystemModule,
        AuthModule,
        AuditModule,
        OrganizationsModule,
        RoundsModule,
        SubmissionsModule,
        ReviewModule,
        RollupModule,
        ScoringModule,
        ExportsModule,
        OverviewModule,
        StaffingModule,
        JobsModule,
        PortsModule,
        NotificationsModule,
        ImportBatchesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
