import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { SessionEntity } from './session.entity';
import { SignInThrottle } from './sign-in-throttle';
import { UserEntity } from './user.entity';
import { AuditEventActorResolver, RoundExtensionGranterResolver } from './user-names.resolver';
import { UserNamesService } from './user-names.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity]), OrganizationsModule],
  providers: [
    AuthService,
    AuthResolver,
    SignInThrottle,
    { provide: APP_GUARD, useClass: AuthGuard },
    UserNamesService,
    AuditEventActorResolver,
    RoundExtensionGranterResolver,
  ],
  exports: [AuthService, SignInThrottle],
})
export class AuthModule {}
