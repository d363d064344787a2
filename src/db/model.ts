import { DataTypes, type ModelOptions, type Sequelize } from 'sequelize';

/** A row of `notion_blocks`, as the database returns it. */
export interface BlockRow {
  id: number;
  block_id: string;
  page_id: string;
  parent_id: string | null;
  type: string;
  content: Record<string, unknown> | null;
  indexer: Record<string, unknown>;
  order: number | null;
  version: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const BLOCK_COLUMNS = ['id', 'block_id', 'page_id', 'parent_id', 'type', 'content', 'indexer', 'order', 'version', 'createdAt', 'updatedAt'] as const;

/**
 * The service's one table. Indexes are single-column: pg-mem answers an equality lookup on a
 * composite (page_id, type) b-tree several times slower than on page_id alone, and indexes are
 * not visible on the wire. pg-mem has no GIN, so the service's GIN indexes are left out there;
 * the PostgreSQL backend passes the service's own indexes.
 */
export function defineBlockModel(sequelize: Sequelize, indexes: ModelOptions['indexes'] = [{ fields: ['page_id'] }, { fields: ['parent_id'] }]) {
  return sequelize.define('NotionBlock', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    block_id: { type: DataTypes.UUID, unique: true, allowNull: false, defaultValue: DataTypes.UUIDV4 },
    page_id: { type: DataTypes.UUID, allowNull: false },
    parent_id: { type: DataTypes.UUID, allowNull: true },
    type: { type: DataTypes.STRING, allowNull: false },
    content: { type: DataTypes.JSONB },
    indexer: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    order: { type: DataTypes.INTEGER },
    version: { type: DataTypes.STRING },
  }, {
    tableName: 'notion_blocks',
    timestamps: true,
    indexes,
  });
}
