// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. Entities leave the module as types only (relations name them by string).
export { RoundsModule } from './rounds.module';
export { RoundsService } from './rounds.service';
export { Round, RoundExtension } from './round.model';
export { roundLookups, type RoundRow } from './round-lookups';
export { roundWrites, type CreateRoundInput } from './round-writes';
export { RoundStatus } from './round.entity';
export type { RoundEntity } from './round.entity';
export {
  deadlineDayEndSql,
  effectiveDeadlineSql,
  expectedInRoundSql,
  inSubtreeSql,
  lateSql,
} from './round-deadline.sql';
export { ROUND_READ_VIEWS } from './read-views';
