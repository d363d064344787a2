import { Router } from 'express';
import { sendData } from './envelope';

/** Routes for test runners in other languages: what the Jest environment does in-process. */
export function testRoutes(reset: () => Promise<void>): Router {
  const router = Router();
  router.post('/reset-db', async (_req, res) => {
    await reset();
    sendData(res, { reset: true });
  });
  return router;
}
