// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. Entities leave the module as types only (relations name them by string).
export { ReviewModule } from './review.module';
export { ReviewService } from './review.service';
export {
  type ReturnComments,
  writeReturnComments,
  writeReturnCommentsOfMany,
} from './review-comments.writer';
export { SubmissionReturn } from './review.model';
