// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module (relations to it name it by string).
export { ExportsModule } from './exports.module';
export { ExportsService } from './exports.service';
export { ExportLogModule } from './export-log.module';
export { ExportLogService } from './export-log.service';
export { ExportKind } from './export-log.entity';
