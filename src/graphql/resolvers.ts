import { condition, type BlockChanges } from '../db/block-store';
import type { BlockRow } from '../db/model';
import type { ContentService } from '../content/service';
import { isUuid } from '../content/uuid';
import { notFound } from '../errors';
import { compileNotionModelFilter } from './filter';
import {
  mergeChanges, newBlockOf, orderByClauses, pageOf, replaceChanges, requireBlockId,
  type NotionModelInput, type OrderByInput,
} from './inputs';
import { JsonScalar } from './json-scalar';

/** Per request: parents already looked up, so a list asking for parentData does one query per parent. */
export interface GraphqlContext { parents: Map<string, Promise<BlockRow | null>> }

interface ListArgs { where?: Record<string, unknown> | null; orderBy?: OrderByInput[] | null; limit?: number | null; offset?: number | null }
interface BlockArgs { block_id: string }
interface ChangeArgs extends BlockArgs { input: NotionModelInput }

export function createResolvers(content: ContentService) {
  const store = content.store;
  const byBlockId = (blockId: string) => store.findFirst(condition((p) => `block_id = ${p.add(requireBlockId(blockId))}`));

  /** Update and replace answer like the service: an unknown block_id is an error, not a silent null. */
  const change = (build: (row: BlockRow, input: NotionModelInput) => BlockChanges) =>
    async (_: unknown, { block_id, input }: ChangeArgs): Promise<BlockRow> => {
      const missing = () => notFound(`NotionModel with block_id ${block_id} not found`);
      const row = await byBlockId(block_id);
      if (!row) throw missing();
      const updated = await content.updateRow(row, build(row, input));
      if (!updated) throw missing();
      return updated;
    };

  return {
    JSON: JsonScalar,
    Query: {
      notionModel: (_: unknown, args: ListArgs): Promise<BlockRow[]> => {
        const where = condition((p) => (args.where ? compileNotionModelFilter(args.where, p) : 'TRUE'));
        return store.find(where, { orderBy: orderByClauses(args.orderBy), ...pageOf(args.limit, args.offset) });
      },
      notionModelByPageId: (_: unknown, { page_id }: { page_id: string }): Promise<BlockRow | null> =>
        (isUuid(page_id) ? store.findFirst(condition((p) => `page_id = ${p.add(page_id.toLowerCase())}`)) : Promise.resolve(null)),
    },
    Mutation: {
      createNotionModel: (_: unknown, { input }: { input: NotionModelInput }): Promise<BlockRow> =>
        content.insertRow(newBlockOf(input, 'input')),
      bulkCreateNotionModel: async (_: unknown, { inputs }: { inputs: NotionModelInput[] }): Promise<BlockRow[]> => {
        // All inputs are checked before the first insert, so a bad one leaves nothing half-written.
        const blocks = inputs.map((input, index) => newBlockOf(input, `inputs[${index}]`));
        const rows: BlockRow[] = [];
        for (const block of blocks) rows.push(await content.insertRow(block));
        return rows;
      },
      updateNotionModel: change(mergeChanges),
      replaceNotionModel: change((_row, input) => replaceChanges(input)),
      deleteNotionModel: async (_: unknown, { block_id }: BlockArgs): Promise<boolean> =>
        (await content.deleteRows(condition((p) => `block_id = ${p.add(requireBlockId(block_id))}`))) > 0,
    },
    NotionModel: {
      parentData: (row: BlockRow, _args: unknown, context: GraphqlContext): Promise<BlockRow | null> => {
        const parentId = row.parent_id;
        if (!parentId) return Promise.resolve(null);
        let parent = context.parents.get(parentId);
        if (!parent) context.parents.set(parentId, (parent = byBlockId(parentId)));
        return parent;
      },
    },
  };
}
