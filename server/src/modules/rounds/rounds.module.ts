import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { RoundExtensionEntity } from './round-extension.entity';
import { RoundEntity } from './round.entity';
import { RoundExtensionsResolver, RoundsResolver } from './rounds.resolver';
import { RoundCommands } from './round-commands';
import { RoundQueries } from './round-queries';
import { RoundsService } from './rounds.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([RoundEntity, RoundExtensionEntity]),
    OrganizationsModule,
    AuditModule,
  ],
  providers: [RoundQueries, RoundCommands, RoundsService, RoundsResolver, RoundExtensionsResolver],
  exports: [RoundsService],
})
export class RoundsModule {}
