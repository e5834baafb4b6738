import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoundsModule } from '../rounds/rounds.module';
import { ScoringModule } from '../scoring/scoring.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { InsightsResolver } from './insights.resolver';
import { InsightsService } from './insights.service';

/** Figures behind the overview charts and ranking filters. */
@Module({
  imports: [OrganizationsModule, RoundsModule, SubmissionsModule, ScoringModule],
  providers: [InsightsService, InsightsResolver],
})
export class InsightsModule {}
