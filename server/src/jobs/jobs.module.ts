import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/**
 * The PostgreSQL job queue (pg-boss) every module sends background work to: one per process,
 * global, so a module registers its jobs without depending on another module.
 */
@Global()
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
