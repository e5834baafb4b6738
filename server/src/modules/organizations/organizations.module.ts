import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { AuditEventOrganizationResolver } from './audit-event-organization.resolver';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { DirectoryController } from './directory.controller';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity]), AuditModule],
  controllers: [DirectoryController],
  providers: [OrganizationsService, OrganizationsResolver, AuditEventOrganizationResolver],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
