// Application code that finds Mesh as production code does: from environment variables, read once
// when the module loads. Nothing here knows about tests; the environment sets the variables.
const endpoint = process.env['MESH_ENDPOINT']; // the GraphQL URL
const secret = process.env['MESH_SHARED_SECRET'];

const query = `query Find($where: NotionModelFilter) { notionModel(where: $where) { page_id content } }`;

/** The titles of a tenant's notes whose title contains `text`, over GraphQL. */
export async function findNoteTitles(tenantId: string, text: string): Promise<string[]> {
  if (!endpoint || !secret) throw new Error('MESH_ENDPOINT and MESH_SHARED_SECRET must be set');
  const where = { AND: [{ type: { eq: 'Notes' } }, { indexer: { path: 'tenantId', eq: tenantId } }, { indexer: { path: 'title', contains: text } }] };
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mesh-secret': secret },
    body: JSON.stringify({ query, variables: { where } }),
  });
  const body = (await response.json()) as { data?: { notionModel: { content: { title: string } }[] }; errors?: unknown[] };
  if (!body.data) throw new Error(`Mesh GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data.notionModel.map((row) => row.content.title);
}
