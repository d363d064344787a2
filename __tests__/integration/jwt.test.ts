import { createHmac } from 'node:crypto';
import { signMeshJwt, verifyMeshJwt } from '../../src/auth/jwt';
import { useServer, wire } from '../support/http';

// Bearer tokens are checked as jsonwebtoken, jose and PyJWT check them with default options
// (issue 8, item 12). Every case goes over HTTP to a server that enforces auth.
const KEY = 'jwt-key';
const ctx = useServer({ secrets: { mesh: 'm-secret', botControl: 'b-secret', jwtSigningKey: KEY } });

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sign = (text: string, key = KEY) => createHmac('sha256', key).update(text).digest('base64url');

/** A token from raw parts, so that each part can be malformed on purpose. */
function rawToken(header: unknown, claims: unknown, signatureOf: (signingInput: string) => string = sign): string {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  return `${signingInput}.${signatureOf(signingInput)}`;
}

const HS256 = { alg: 'HS256', typ: 'JWT' };
const nowSeconds = () => Math.floor(Date.now() / 1000);
// An hour either side: far beyond any scheduling delay between signing and checking.
const HOUR = 3600;

async function statusWith(token: string) {
  const reply = await wire(ctx.server, { authorization: `Bearer ${token}` })('GET', '/api/definition/User');
  return { status: reply.status, reason: reply.status === 401 ? String(reply.body.error.message) : '' };
}

describe('accepted tokens', () => {
  test.each([
    ['no time claims', () => ({ sub: 'u1' })],
    ['exp in the future', () => ({ sub: 'u1', exp: nowSeconds() + HOUR })],
    ['exp in the future with a fraction', () => ({ sub: 'u1', exp: nowSeconds() + HOUR + 0.5 })],
    ['nbf and iat in the past', () => ({ sub: 'u1', nbf: nowSeconds() - HOUR, iat: nowSeconds() - HOUR, exp: nowSeconds() + HOUR })],
    ['iat now', () => ({ sub: 'u1', iat: nowSeconds() })],
  ])('%s', async (_label, claims) => {
    expect(await statusWith(signMeshJwt(claims(), KEY))).toEqual({ status: 200, reason: '' });
  });
});

describe('refused tokens answer 401 with the reason', () => {
  test.each([
    ['exp as a string', () => signMeshJwt({ sub: 'u1', exp: String(nowSeconds() + HOUR) as unknown as number }, KEY), /"exp" claim must be a number/],
    ['exp null', () => signMeshJwt({ sub: 'u1', exp: null as unknown as number }, KEY), /"exp" claim must be a number/],
    ['exp in the past', () => signMeshJwt({ sub: 'u1', exp: nowSeconds() - HOUR }, KEY), /expired/],
    ['nbf in the future', () => signMeshJwt({ sub: 'u1', nbf: nowSeconds() + HOUR }, KEY), /not yet valid/],
    ['nbf as a string', () => signMeshJwt({ sub: 'u1', nbf: '0' }, KEY), /"nbf" claim must be a number/],
    ['iat in the future', () => signMeshJwt({ sub: 'u1', iat: nowSeconds() + HOUR }, KEY), /issued in the future/],
    ['iat in the future even with a valid exp', () => signMeshJwt({ sub: 'u1', iat: nowSeconds() + HOUR, exp: nowSeconds() + 2 * HOUR }, KEY), /issued in the future/],
    ['iat as a boolean', () => signMeshJwt({ sub: 'u1', iat: true }, KEY), /"iat" claim must be a number/],
    ['junk appended to the signature', () => `${signMeshJwt({ sub: 'u1' }, KEY)}!!`, /base64url/],
    ['base64url characters appended to the signature', () => `${signMeshJwt({ sub: 'u1' }, KEY)}AA`, /bad signature/],
    ['one character appended to the signature', () => `${signMeshJwt({ sub: 'u1' }, KEY)}A`, /bad signature/],
    ['a padded signature', () => `${signMeshJwt({ sub: 'u1' }, KEY)}=`, /base64url/],
    ['a signature with other trailing bits (decodes to the same bytes)', () => {
      const token = signMeshJwt({ sub: 'u1' }, KEY);
      // 43 characters carry 258 bits for 256: the last character's low 2 bits are padding.
      const last = token.at(-1)!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      return token.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1]!;
    }, /bad signature/],
    ['a signature made with another key', () => signMeshJwt({ sub: 'u1' }, 'other-key'), /bad signature/],
    ['an empty signature', () => `${b64(HS256)}.${b64({ sub: 'u1' })}.`, /base64url/],
    ['alg none', () => rawToken({ alg: 'none' }, { sub: 'u1' }, () => ''), /base64url|HS256/],
    ['alg none with an HS256 signature', () => rawToken({ alg: 'none' }, { sub: 'u1' }), /only HS256/],
    ['alg HS384', () => rawToken({ alg: 'HS384' }, { sub: 'u1' }), /only HS256/],
    ['alg in lower case', () => rawToken({ alg: 'hs256' }, { sub: 'u1' }), /only HS256/],
    ['no alg', () => rawToken({ typ: 'JWT' }, { sub: 'u1' }), /only HS256/],
    ['a crit header', () => rawToken({ ...HS256, crit: ['b64'], b64: false }, { sub: 'u1' }), /crit/],
    ['a header that is not JSON', () => `${b64('not json')}.${b64({ sub: 'u1' })}.${sign(`${b64('not json')}.${b64({ sub: 'u1' })}`)}`, /header is not a JSON object/],
    ['a payload that is an array', () => rawToken(HS256, ['u1']), /payload is not a JSON object/],
    ['standard base64 (+ and /) instead of base64url', () => rawToken(HS256, { sub: '>>>???' }).replace(/-/g, '+').replace(/_/g, '/'), /base64url/],
    ['four parts', () => `${signMeshJwt({ sub: 'u1' }, KEY)}.x`, /three dot-separated parts/],
  ])('%s', async (_label, token, reason) => {
    const result = await statusWith(token());
    expect(result.status).toBe(401);
    expect(result.reason).toMatch(reason);
  });
});

describe('time claims at their boundary (verifyMeshJwt with a fixed clock)', () => {
  const at = (claims: Record<string, unknown>, nowMs: number) => verifyMeshJwt(signMeshJwt(claims, KEY), KEY, nowMs);

  test('exp: valid up to the second before it, expired at it (no leeway, as jsonwebtoken and jose)', () => {
    expect(at({ exp: 1000 }, 999_999).ok).toBe(true);
    expect(at({ exp: 1000 }, 1_000_000)).toEqual({ ok: false, reason: 'token expired' });
  });

  test('nbf: refused before it, valid from it', () => {
    expect(at({ nbf: 1000 }, 999_999).ok).toBe(false);
    expect(at({ nbf: 1000 }, 1_000_000).ok).toBe(true);
  });

  test('iat: refused while in the future, valid from it', () => {
    expect(at({ iat: 1000 }, 999_999).ok).toBe(false);
    expect(at({ iat: 1000 }, 1_000_000).ok).toBe(true);
  });

  test('a number too large for a double (JSON 1e999 parses as Infinity) is refused', () => {
    const token = `${b64(HS256)}.${b64('{"exp":1e999}')}`;
    expect(verifyMeshJwt(`${token}.${sign(token)}`, KEY).ok).toBe(false);
  });
});
