// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module (relations to it name it by string).
export { StaffingModule } from './staffing.module';
export { RosterService } from './roster.service';
export { StaffingPanelService } from './staffing-panel.service';
export { DEFAULT_POSTS } from './default-posts';
export { rosterWrites } from './roster-writes';
export { requiredPostWrites } from './required-post-writes';
export { AssignmentSource } from './post-assignment.entity';
export { STAFFING_READ_VIEWS } from './read-views';
