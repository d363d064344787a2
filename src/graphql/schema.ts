/**
 * The service's GraphQL schema (contract: GraphQL). Type names and nullability follow the service's
 * own SDL, so a client's declared variable types (`$where: NotionModelFilter`,
 * `$orderBy: [OrderByInput!]`) validate here exactly as they do there.
 */
export const typeDefs = /* GraphQL */ `
  scalar JSON

  type NotionModel {
    id: Int
    block_id: String!
    page_id: String
    parent_id: String
    type: String!
    content: JSON!
    indexer: JSON
    order: Int
    version: String
    "The row whose block_id is this row's parent_id, as the service resolves it; null when none."
    parentData: NotionModel
  }

  input NotionModelInput {
    page_id: String
    parent_id: String
    type: String!
    "An object, or a JSON string holding one (stored parsed)."
    content: JSON!
    indexer: JSON
    order: Int
    version: String
  }

  input StringFilter {
    eq: String
    ne: String
    in: [String!]
    like: String
    contains: String
    startsWith: String
    endsWith: String
  }

  input IntFilter {
    eq: Int
    ne: Int
    gt: Int
    gte: Int
    lt: Int
    lte: Int
    in: [Int!]
  }

  input JSONStringFilter {
    eq: String
    equals: String
    ne: String
    like: String
    contains: String
    startsWith: String
    endsWith: String
  }

  input JSONNumberFilter {
    eq: Float
    equals: Float
    ne: Float
    gt: Float
    gte: Float
    lt: Float
    lte: Float
    in: [Float!]
  }

  input JSONBooleanFilter {
    eq: Boolean
    equals: Boolean
    ne: Boolean
  }

  "In the service's schema but not applied by it; the emulator rejects it (see JSONFilter.typed)."
  input JSONTypedFilter {
    string: JSONStringFilter
    number: JSONNumberFilter
    boolean: JSONBooleanFilter
    isNull: Boolean
  }

  "The REST indexer operators on indexer.<path>; several in one filter must all hold."
  input JSONFilter {
    path: String!
    eq: JSON
    equals: JSON
    ne: JSON
    contains: JSON
    containedBy: JSON
    hasKey: String
    hasAnyKeys: [String!]
    hasAllKeys: [String!]
    has: JSON
    hasSome: [JSON!]
    hasEvery: [JSON!]
    hasNone: [JSON!]
    "Rejected: the service accepts it and ignores it, so a filter using it would match rows it should not."
    typed: JSONTypedFilter
    "Negates the operators in it (its path may differ from the outer one)."
    not: JSONFilter
  }

  "Compares content.<path> (dotted) as JSON."
  input JSONBFilter {
    path: String!
    eq: JSON
    ne: JSON
    gt: Float
    gte: Float
    lt: Float
    lte: Float
    in: [JSON!]
    contains: JSON
  }

  input NotionModelFilter {
    id: IntFilter
    block_id: StringFilter
    page_id: StringFilter
    parent_id: StringFilter
    type: StringFilter
    "String tests on the content JSON as text."
    content: StringFilter
    contentJsonb: JSONBFilter
    indexer: JSONFilter
    order: IntFilter
    version: StringFilter
    OR: [NotionModelFilter!]
    AND: [NotionModelFilter!]
  }

  enum OrderDirection {
    ASC
    DESC
  }

  input OrderByInput {
    "One of id, block_id, page_id, parent_id, type, order, version, createdAt, updatedAt."
    field: String!
    direction: OrderDirection!
  }

  type Query {
    "Oldest first unless orderBy says otherwise; limit defaults to 100 (at most 10000)."
    notionModel(where: NotionModelFilter, orderBy: [OrderByInput!], limit: Int, offset: Int): [NotionModel!]!
    notionModelByPageId(page_id: String!): NotionModel
  }

  type Mutation {
    createNotionModel(input: NotionModelInput!): NotionModel!
    bulkCreateNotionModel(inputs: [NotionModelInput!]!): [NotionModel!]!
    "Shallow merge of content and of indexer into the row."
    updateNotionModel(block_id: String!, input: NotionModelInput!): NotionModel
    "Replaces content (and indexer when given)."
    replaceNotionModel(block_id: String!, input: NotionModelInput!): NotionModel
    deleteNotionModel(block_id: String!): Boolean!
  }
`;
