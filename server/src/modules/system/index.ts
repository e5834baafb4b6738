// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. Entities leave the module as types only (relations name them by string).
export { SystemModule } from './system.module';
export { SystemService } from './system.service';
