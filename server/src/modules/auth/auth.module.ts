import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { AccountHandoutEntity } from './account-handout.entity';
import { AccountsController } from './accounts.controller';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { HandoutStore } from './handout.store';
import { SessionEntity } from './session.entity';
import { SignInThrottle } from './sign-in-throttle';
import { UserEntity } from './user.entity';
import {
  AuditEventActorResolver,
  RoundExtensionGranterResolver,
  SubmissionReturnNamesResolver,
} from './user-names.resolver';
import { UserNamesService } from './user-names.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity, AccountHandoutEntity]),
    OrganizationsModule,
    AuditModule,
  ],
  controllers: [AccountsController],
  providers: [
    AuthService,
    AccountsService,
    HandoutStore,
    AuthResolver,
    AccountsResolver,
    SignInThrottle,
    { provide: APP_GUARD, useClass: AuthGuard },
    UserNamesService,
    AuditEventActorResolver,
    RoundExtensionGranterResolver,
    SubmissionReturnNamesResolver,
  ],
  exports: [AuthService, SignInThrottle],
})
export class AuthModule {}
