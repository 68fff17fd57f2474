import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../domain/errors.js';

/** Runs a whole mutation again (against fresh neighbours) when it lost a race for a rank. */
export async function retryOnRankCollision<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (i >= attempts) throw new AppError('conflict', 'Others are moving items into the same place right now; try again');
    }
  }
}
