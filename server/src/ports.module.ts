import { Global, Module } from '@nestjs/common';
import { ROSTER_SUMMARY_PROVIDER } from './modules/scoring';
import { RosterService, StaffingModule } from './modules/staffing';

/**
 * Where the application binds the ports its modules declare to the modules that serve them, so
 * that a module consuming a port does not import the one providing it: scoring reads rosters
 * (`ROSTER_SUMMARY_PROVIDER`) from staffing.
 */
@Global()
@Module({
  imports: [StaffingModule],
  providers: [{ provide: ROSTER_SUMMARY_PROVIDER, useExisting: RosterService }],
  exports: [ROSTER_SUMMARY_PROVIDER],
})
export class PortsModule {}
