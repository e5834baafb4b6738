import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { SubmissionsModule } from '../submissions';
import { ReviewCommentEntity } from './review-comment.entity';
import { ReviewQueueService } from './review-queue.query';
import { ReviewQueueResolver } from './review-queue.resolver';
import { ReviewResolver } from './review.resolver';
import { ReviewService } from './review.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReviewCommentEntity]), SubmissionsModule, AuditModule],
  providers: [ReviewService, ReviewResolver, ReviewQueueService, ReviewQueueResolver],
  exports: [ReviewService],
})
export class ReviewModule {}
