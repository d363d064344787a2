import type { NextFunction, Request, Response } from 'express';
import type { ArgumentNode, DocumentNode, SelectionSetNode } from 'graphql';
import { routeOf, type CoverageCategory } from './catalogue';

// graphql-js is a sixth of the server's module loading and only a GraphQL request needs it here,
// by when Apollo has loaded it anyway.
let graphqlModule: typeof import('graphql') | undefined;
const graphqlJs = (): typeof import('graphql') => (graphqlModule ??= require('graphql') as typeof import('graphql'));

/** How often each part of the contract was exercised: plain data, summed across workers by the reporter. */
export type CoverageSnapshot = Record<CoverageCategory, Record<string, number>>;

type Json = Record<string, unknown>;
const GROUPS = new Set(['AND', 'OR', 'and', 'or']);
const GRAPHQL_COLUMNS = new Set(['id', 'block_id', 'page_id', 'parent_id', 'type', 'order', 'version']);

/**
 * What one server was asked, counted by contract part: routes, GraphQL root fields, where
 * operators of answered queries, and the status and code of each failure. Never reset with the
 * database: it lives as long as the server, like the worker that reports it.
 */
export class CoverageRecorder {
  private readonly counts: CoverageSnapshot = { routes: {}, graphqlOperations: {}, whereOperators: {}, errorCodes: {} };

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      // Read now: routers mounted under a prefix rewrite req.url while they run.
      const route = routeOf(req.method, req.path);
      if (route) res.on('finish', () => this.record(route, req, res));
      next();
    };
  }

  snapshot(): CoverageSnapshot {
    return structuredClone(this.counts);
  }

  private count(category: CoverageCategory, key: string): void {
    this.counts[category][key] = (this.counts[category][key] ?? 0) + 1;
  }

  private record(route: string, req: Request, res: Response): void {
    this.count('routes', route);
    if (res.statusCode >= 400) this.count('errorCodes', `${res.statusCode} ${(res.locals.errorCode as string | undefined) ?? '-'}`);
    if (res.statusCode !== 200) return;
    try {
      if (route === 'GET /api/content/:type' && typeof req.query.where === 'string') this.restWhere(JSON.parse(req.query.where));
      if (route === 'POST /graphql') this.graphql(req.body as Json | undefined);
    } catch {
      // A request the emulator answered 200 but this reader cannot follow is simply not counted.
    }
  }

  private restWhere(where: unknown): void {
    if (!isObject(where)) return;
    for (const [key, value] of Object.entries(where)) {
      if (GROUPS.has(key)) {
        this.count('whereOperators', `REST ${key.toUpperCase()}`);
        if (Array.isArray(value)) value.forEach((part) => this.restWhere(part));
      } else if (key === 'indexer' && isObject(value)) {
        for (const op of Object.keys(value)) if (op !== 'path') this.count('whereOperators', `REST indexer.${op}`);
      } else if (isObject(value)) {
        for (const op of Object.keys(value)) this.count('whereOperators', `REST column.${op}`);
      } else this.count('whereOperators', 'REST column.eq');
    }
  }

  private graphql(body: Json | undefined): void {
    if (!body || typeof body.query !== 'string') return;
    const { Kind, parse, valueFromASTUntyped } = graphqlJs();
    const document = parse(body.query);
    const variables = isObject(body.variables) ? body.variables : {};
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const field of rootFields(definition.selectionSet, document)) {
        if (field.name.value.startsWith('__')) continue;
        this.count('graphqlOperations', `${definition.operation} ${field.name.value}`);
        const where = field.arguments?.find((argument: ArgumentNode) => argument.name.value === 'where');
        if (where) this.graphqlFilter(valueFromASTUntyped(where.value, variables));
      }
    }
  }

  private graphqlFilter(filter: unknown): void {
    if (!isObject(filter)) return;
    for (const [key, value] of Object.entries(filter)) {
      if (GROUPS.has(key)) {
        this.count('whereOperators', `GraphQL ${key.toUpperCase()}`);
        if (Array.isArray(value)) value.forEach((part) => this.graphqlFilter(part));
      } else if (isObject(value)) {
        const field = GRAPHQL_COLUMNS.has(key) ? 'column' : key;
        for (const op of Object.keys(value)) if (op !== 'path') this.count('whereOperators', `GraphQL ${field}.${op}`);
      }
    }
  }
}

function rootFields(selectionSet: SelectionSetNode, document: DocumentNode) {
  const { Kind } = graphqlJs();
  return selectionSet.selections.flatMap((selection): Array<{ name: { value: string }; arguments?: readonly ArgumentNode[] }> => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment && fragment.kind === Kind.FRAGMENT_DEFINITION ? rootFields(fragment.selectionSet, document) : [];
  });
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
