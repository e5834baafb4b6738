import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoundsModule } from '../rounds/rounds.module';
import { ScoringModule } from '../scoring/scoring.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { InsightsResolver } from './insights.resolver';
import { InsightsService } from './insights.service';
import { TemplatesController } from './templates.controller';

/** Figures behind the overview charts and ranking filters; the blank Excel template. */
@Module({
  imports: [OrganizationsModule, RoundsModule, SubmissionsModule, ScoringModule],
  controllers: [TemplatesController],
  providers: [InsightsService, InsightsResolver],
})
export class InsightsModule {}
