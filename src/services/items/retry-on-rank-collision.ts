import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../domain/errors.js';

/**
 * Runs a whole mutation again (against fresh neighbours) when it lost a race for a rank, after a
 * short random pause so the writers that collided do not collide again in step.
 */
export async function retryOnRankCollision<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (i >= attempts) throw new AppError('conflict', 'Others are moving items into the same place right now; try again');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * i));
    }
  }
}
