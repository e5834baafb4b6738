// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module (relations to it name it by string).
export { ReviewModule } from './review.module';
export { ReviewService } from './review.service';
export {
  type ReturnComments,
  writeReturnComments,
  writeReturnCommentsOfMany,
} from './review-comments.writer';
export { SubmissionReturn } from './review.model';
