import { createServer, maxHeaderSize, STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FailureBody } from './envelope';

interface ParserError extends Error { code?: string; reason?: string }

/**
 * The emulator's HTTP server. Node refuses some requests before the app sees them (headers over
 * maxHeaderSize, an unknown method, raw non-ASCII bytes in the URL, a duplicate Content-Length,
 * an HTTP/1.1 request without Host, an Expect other than 100-continue) and by default answers with
 * an empty body. Each of these has a hook, used here to answer with the failure envelope and the
 * status Node would send. What cannot be shaped is listed in docs/errors.md.
 */
export function createHttpServer(app: RequestListener): Server {
  // Node's own Host check answers a bare 400 before any handler runs; the same check is made below.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      writeFailure(res, 400, 'BAD_REQUEST', 'An HTTP/1.1 request needs a Host header');
    } else {
      app(req, res);
    }
  });
  server.on('clientError', (error: ParserError, socket: Socket) => {
    // As Node's own handler: answer only while no response is in flight on this connection
    // (a pipelined request after one being answered), and never to a peer that already left.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, code, message } = describeParserError(error);
    // Flushed, then closed: the parser cannot resync after a malformed request.
    socket.end(rawResponse(status, { success: false, error: { message, code } }), () => socket.destroy());
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    writeFailure(res, 417, 'EXPECTATION_FAILED', `Expect: ${req.headers.expect} is not supported; only "Expect: 100-continue" is`);
  });
  return server;
}

function writeFailure(res: ServerResponse, status: number, code: string, message: string): void {
  const body: FailureBody = { success: false, error: { message, code } };
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }).end(JSON.stringify(body));
}

function describeParserError(error: ParserError): { status: number; code: string; message: string } {
  const reason = error.reason ?? error.message;
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'HEADERS_TOO_LARGE',
        message: `The request line and headers exceed ${maxHeaderSize} bytes, the limit of Node's HTTP parser. `
          + 'A long `where` belongs in fewer or shorter filters, or in a GraphQL POST body.',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Chunk extensions in the request body are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in full before the server\'s request timeout' };
    case 'HPE_INVALID_METHOD':
      return { status: 400, code: 'BAD_REQUEST', message: 'Unknown HTTP method; use GET, POST, PATCH, PUT or DELETE' };
    case 'HPE_INVALID_URL':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request URL is not valid: percent-encode spaces, control characters and non-ASCII bytes' };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'BAD_REQUEST', message: `Content-Length is invalid or conflicts with another length header (${reason})` };
    default:
      return { status: 400, code: 'BAD_REQUEST', message: `Malformed HTTP request: ${reason}` };
  }
}

function rawResponse(status: number, body: FailureBody): string {
  const json = JSON.stringify(body);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n`
    + 'Content-Type: application/json; charset=utf-8\r\n'
    + `Content-Length: ${Buffer.byteLength(json)}\r\n`
    + 'Connection: close\r\n\r\n'
    + json;
}
