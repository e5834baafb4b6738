import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { RoundExtensionEntity } from './round-extension.entity';
import { RoundEntity } from './round.entity';
import { RoundExtensionsResolver, RoundsResolver } from './rounds.resolver';
import { RoundsService } from './rounds.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([RoundEntity, RoundExtensionEntity]),
    OrganizationsModule,
    AuditModule,
  ],
  providers: [RoundsService, RoundsResolver, RoundExtensionsResolver],
  exports: [RoundsService],
})
export class RoundsModule {}
