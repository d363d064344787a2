'use strict';
// The bench's HTTP side: raw fetch (keep-alive is undici's default), so latencies are the server's
// plus one local round trip, not a client library's.

function meshHttp(server) {
  const headers = { 'content-type': 'application/json', 'x-mesh-secret': server.secrets.mesh };

  async function call(method, path, body) {
    const response = await fetch(`${server.apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text).data;
  }

  return {
    create: (type, tenant, content) => call('POST', `/content/${type}?tenant=${tenant}`, { content }),
    get: (type, tenant, id) => call('GET', `/content/${type}/${id}?tenant=${tenant}`),
    remove: (type, tenant, id) => call('DELETE', `/content/${type}/${id}?tenant=${tenant}`),
    list: (type, tenant, where, limit) =>
      call('GET', `/content/${type}?tenant=${tenant}&limit=${limit}&where=${encodeURIComponent(JSON.stringify(where))}`),
    registerDefinition: (tenant, definition) => call('POST', `/definition?tenant=${tenant}`, { definition }),
  };
}

module.exports = { meshHttp };
