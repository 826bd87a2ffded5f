import { ApiError } from '@/lib/http/api-error';

/**
 * The ApiError `promise` rejects with; anything else it rejects with is rethrown, and a promise
 * that resolves fails the test.
 */
export async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal (an ApiError)');
}
