import { Router, type Request, type Response } from 'express';
import type { ContentService } from '../content/service';
import { parseWhereParameter } from '../content/where';
import { badRequest, contentNotFound, notFound } from '../errors';
import { callerOf } from './auth';
import { sendData } from './envelope';

const SAFE_NAME = /^[A-Za-z0-9_-]+$/;
const MAX_LIMIT = 10_000;

/** The REST content API under /api (contract: HTTP surface). */
export function restRoutes(content: ContentService): Router {
  const router = Router();
  const tenantOf = (res: Response) => callerOf(res).tenant;

  router.get('/definition/:type', async (req, res) => {
    const definition = await content.getDefinition(param(req, 'type'), tenantOf(res));
    if (!definition) throw notFound('Definition not found');
    sendData(res, definition);
  });

  router.post('/definition', async (req, res) => {
    sendData(res, await content.registerDefinition(bodyField(req, 'definition'), tenantOf(res)));
  });

  router.post('/content/:type', async (req, res) => {
    sendData(res, await content.create(param(req, 'type'), bodyField(req, 'content'), tenantOf(res)));
  });

  router.get('/content/:type', async (req, res) => {
    const { items, total, hasMore } = await content.list(param(req, 'type'), {
      where: parseWhereParameter(req.query.where),
      limit: integerQuery(req, 'limit', 1, MAX_LIMIT),
      offset: integerQuery(req, 'offset', 0, Number.MAX_SAFE_INTEGER),
      pageId: stringQuery(req, 'page_id'),
    });
    sendData(res, items, { total, hasMore });
  });

  router.get('/content/:type/:id', async (req, res) => {
    sendData(res, found(await content.get(param(req, 'type'), param(req, 'id'))));
  });

  router.patch('/content/:type/:id', async (req, res) => {
    sendData(res, found(await content.patch(param(req, 'type'), param(req, 'id'), bodyField(req, 'content'), tenantOf(res))));
  });

  router.put('/content/:type/:id', async (req, res) => {
    sendData(res, found(await content.replace(param(req, 'type'), param(req, 'id'), bodyField(req, 'content'), tenantOf(res))));
  });

  router.delete('/content/:type/:id', async (req, res) => {
    const type = param(req, 'type');
    const id = param(req, 'id');
    if (!SAFE_NAME.test(type) || !SAFE_NAME.test(id)) {
      throw badRequest('BAD_TYPE_ID', 'type and id may only contain letters, digits, "_" and "-"');
    }
    if (!(await content.delete(type, id))) throw contentNotFound();
    sendData(res, { deleted: true });
  });

  return router;
}

function found<T>(item: T | null): T {
  if (item === null) throw contentNotFound();
  return item;
}

function param(req: Request, name: string): string {
  const value = String(req.params[name]);
  if (value.includes('\u0000')) throw badRequest('BAD_REQUEST', `${name} in the URL contains a NUL character`);
  return value;
}

function bodyField(req: Request, field: string): unknown {
  const body: unknown = req.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('INVALID_BODY', `Request body must be a JSON object like { "${field}": { ... } } sent with Content-Type: application/json`);
  }
  return (body as Record<string, unknown>)[field];
}

function stringQuery(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest('BAD_QUERY', `${name} must be given once`);
  return value;
}

function integerQuery(req: Request, name: string, min: number, max: number): number | undefined {
  const value = stringQuery(req, name);
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw badRequest('BAD_QUERY', `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}
