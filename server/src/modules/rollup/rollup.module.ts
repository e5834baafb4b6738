import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { RollupResolver } from './rollup.resolver';
import { RollupService } from './rollup.service';

@Module({
  imports: [SubmissionsModule, OrganizationsModule],
  providers: [RollupService, RollupResolver],
  exports: [RollupService],
})
export class RollupModule {}
