import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations';
import { RoundsModule } from '../rounds';
import { ScoringModule } from '../scoring';
import { SubmissionsModule } from '../submissions';
import { OverviewResolver } from './overview.resolver';
import { OverviewService } from './overview.service';

/** Figures behind the overview charts and ranking filters. */
@Module({
  imports: [OrganizationsModule, RoundsModule, SubmissionsModule, ScoringModule],
  providers: [OverviewService, OverviewResolver],
})
export class OverviewModule {}
