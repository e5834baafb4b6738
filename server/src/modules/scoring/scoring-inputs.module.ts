import { Global, Module } from '@nestjs/common';
import { VERSIONS_WRITTEN } from '../submissions';
import { VersionInputsWriter } from './version-inputs.store';

/**
 * Binds the submissions module's `VERSIONS_WRITTEN` port to the scoring inputs' writer, so the
 * bulk path stores every version's scoring inputs in its batch transaction. Global and without
 * dependencies, so the command-line application (which has no scoring module) binds it too.
 */
@Global()
@Module({
  providers: [VersionInputsWriter, { provide: VERSIONS_WRITTEN, useExisting: VersionInputsWriter }],
  exports: [VERSIONS_WRITTEN],
})
export class ScoringInputsModule {}
