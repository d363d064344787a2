import { newDb } from 'pg-mem';
import { Sequelize } from 'sequelize';
import { defineBlockModel } from '../../src/db/model';
import { createPgModule } from '../../src/db/pg-mem/driver';
import { BLOCK_SCHEMA } from '../../src/db/pg-mem/schema';

const statement = (sql: string) => sql.replace(/;+\s*$/, '');

// The pg-mem backend creates its table without Sequelize; the model stays the definition.
test('the pg-mem schema is what Sequelize sync() creates for the block model', async () => {
  const memory = newDb({ autoCreateForeignKeyIndices: false });
  const ran: string[] = [];
  memory.on('query', (sql) => ran.push(sql));
  const sequelize = new Sequelize({ dialect: 'postgres', dialectModule: createPgModule(memory), logging: false });
  defineBlockModel(sequelize);
  await sequelize.sync();
  await sequelize.close();
  expect(ran.filter((sql) => /^\s*CREATE\b/.test(sql)).map(statement)).toEqual(BLOCK_SCHEMA.map(statement));
});
