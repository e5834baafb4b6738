import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoundsModule } from '../rounds/rounds.module';
import { ScoringModule } from '../scoring/scoring.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { OverviewResolver } from './overview.resolver';
import { OverviewService } from './overview.service';

/** Figures behind the overview charts and ranking filters. */
@Module({
  imports: [OrganizationsModule, RoundsModule, SubmissionsModule, ScoringModule],
  providers: [OverviewService, OverviewResolver],
})
export class OverviewModule {}
