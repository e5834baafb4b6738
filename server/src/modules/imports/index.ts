// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module (relations to it name it by string).
export { ImportBatchesModule } from './import-batches.module';
export { ImportBatchesService } from './import-batches.service';
