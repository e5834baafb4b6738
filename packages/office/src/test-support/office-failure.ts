import { OfficeInputError } from '../input/office-input.error';

/** The OfficeInputError that `run` throws (or rejects with); anything else fails the test. */
export async function officeFailure(run: () => unknown): Promise<OfficeInputError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof OfficeInputError) return error;
    throw error;
  }
  throw new Error('expected an OfficeInputError');
}
