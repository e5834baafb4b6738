import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations';
import { SubmissionsModule } from '../submissions';
import { RollupResolver } from './rollup.resolver';
import { RollupService } from './rollup.service';

@Module({
  imports: [SubmissionsModule, OrganizationsModule],
  providers: [RollupService, RollupResolver],
  exports: [RollupService],
})
export class RollupModule {}
