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
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { AuthService } from './modules/auth/auth.service';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { ReviewModule } from './modules/review/review.module';
import { RollupModule } from './modules/rollup/rollup.module';
import { RoundsModule } from './modules/rounds/rounds.module';
import { SubmissionsModule } from './modules/submissions/submissions.module';
import { SystemModule } from './modules/system/system.module';
import { ScoringModule } from './modules/scoring/scoring.module';
import { ExportsModule } from './modules/exports/exports.module';
import { OverviewModule } from './modules/overview/overview.module';
import { StaffingModule } from './modules/staffing/staffing.module';
import { JobsModule } from './jobs/jobs.module';
import { PortsModule } from './ports.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ImportBatchesModule } from './modules/imports/import-batches.module';

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
