import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tenantCatalogueFor } from '../../src/definitions';

// The command is tested as users run it: the compiled bin, in its own process.
const CLI = resolve(__dirname, '../../dist/src/cli.js');
const READY_KEYS = ['url', 'apiUrl', 'graphqlUrl', 'port', 'pid'];
const SECRET_HEADERS = { 'x-mesh-secret': 'test-mesh-secret', 'content-type': 'application/json' };
const TENANT = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const USER = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';

interface Ready { url: string; apiUrl: string; graphqlUrl: string; port: number; pid: number }
interface Exit { code: number | null; signal: NodeJS.Signals | null }

interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  ready: Promise<Ready>;
  exited: Promise<Exit>;
}

const running = new Set<ChildProcess>();
const orphans = new Set<number>();

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
});

// A failed assertion must not leave servers behind.
afterEach(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
  for (const pid of orphans) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  orphans.clear();
});

function runCli(args: string[], env: NodeJS.ProcessEnv = {}, node: { script?: string } = {}): CliRun {
  const argv = node.script ? ['-e', node.script, CLI, ...args] : [CLI, ...args];
  const child = spawn(process.execPath, argv, { env: { ...cleanEnv(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const ready = new Promise<Ready>((done, fail) => {
    const onData = () => {
      if (!stdout.includes('\n')) return;
      child.stdout!.off('data', onData);
      const line = stdout.slice(0, stdout.indexOf('\n'));
      try {
        done(JSON.parse(line) as Ready);
      } catch {
        fail(new Error(`the first line on stdout is not JSON: ${line}`));
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code }) => fail(new Error(`exited with ${code} before the ready line; stderr: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, stdout: () => stdout, stderr: () => stderr, ready, exited };
}

// The developer's PORT or secrets must not change what these tests expect.
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PORT', 'MESH_SHARED_SECRET', 'BOT_CONTROL_SHARED_SECRET', 'AUTH_SIGNING_KEY']) delete env[name];
  return env;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // Where init does not reap, an exited orphan lingers as a zombie: it is gone all the same.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function waitUntilGone(pid: number, withinMs: number): Promise<number> {
  const started = Date.now();
  while (isRunning(pid)) {
    if (Date.now() - started > withinMs) throw new Error(`process ${pid} still running after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

async function refusesConnections(url: string): Promise<boolean> {
  return fetch(`${url}/health`).then(() => false, () => true);
}

async function post(url: string, body: unknown, headers: Record<string, string> = SECRET_HEADERS): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function createNote(ready: Ready, title: string): Promise<string> {
  const [notes] = tenantCatalogueFor(TENANT);
  expect((await post(`${ready.apiUrl}/definition?tenant=${TENANT}`, { definition: notes })).status).toBe(200);
  const created = await post(`${ready.apiUrl}/content/Notes?tenant=${TENANT}`, {
    content: { userId: USER, tenantId: TENANT, title, mode: 'work' },
  });
  const body = (await created.json()) as { success: boolean; data: { _id: string; title: string } };
  expect(created.status).toBe(200);
  expect(body.data.title).toBe(title);
  return body.data._id;
}

/** A port held by a plain listener: taken, without the cost of starting a second emulator. */
async function holdPort(): Promise<{ port: number; release(): Promise<void> }> {
  const holder = createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
  const { port } = holder.address() as { port: number };
  return { port, release: () => new Promise<void>((r) => holder.close(() => r())) };
}

describe('mesh-test-server: ready line', () => {
  test('prints exactly one JSON line when ready, then serves /health and creates content', async () => {
    const run = runCli(['--port', '0']);
    const ready = await run.ready;
    expect(Object.keys(ready)).toEqual(READY_KEYS);
    expect(ready).toEqual({
      url: `http://127.0.0.1:${ready.port}`,
      apiUrl: `http://127.0.0.1:${ready.port}/api`,
      graphqlUrl: `http://127.0.0.1:${ready.port}/graphql`,
      port: expect.any(Number),
      pid: run.child.pid,
    });
    const health = await fetch(`${ready.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    await createNote(ready, 'from the command');

    run.child.kill('SIGTERM');
    await run.exited;
    expect(run.stdout()).toBe(`${JSON.stringify(ready)}\n`);
    expect(run.stderr()).toContain(`ready at ${ready.url}`);
  });

  test('two servers started at once on port 0 get their own ports and databases', async () => {
    const runs = [runCli(['--port', '0']), runCli(['--port', '0'])];
    const servers = await Promise.all(runs.map((run) => run.ready));
    expect(new Set(servers.map((s) => s.port)).size).toBe(servers.length);
    const id = await createNote(servers[0]!, 'only in the first');
    for (const other of servers.slice(1)) {
      const lookup = await fetch(`${other.apiUrl}/content/Notes/${id}?tenant=${TENANT}`, { headers: SECRET_HEADERS });
      expect(lookup.status).toBe(404);
    }
  });
});

describe('mesh-test-server: stopping', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)('%s closes the server and exits 0', async (signal) => {
    const run = runCli(['--port', '0']);
    const ready = await run.ready;
    run.child.kill(signal);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toContain(`stopping (${signal})`);
    expect(await refusesConnections(ready.url)).toBe(true);
  });

  test('with --exit-on-stdin-close, the end of stdin stops it with exit 0', async () => {
    const run = runCli(['--port', '0', '--exit-on-stdin-close']);
    await run.ready;
    run.child.stdin!.end();
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toContain('stopping (stdin closed)');
  });

  test('without --exit-on-stdin-close, the end of stdin does not stop it', async () => {
    const run = runCli(['--port', '0']);
    const ready = await run.ready;
    run.child.stdin!.end();
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`${ready.url}/health`)).status).toBe(200);
  });

  test('a parent killed with SIGKILL leaves no server behind (gone within 2 s)', async () => {
    // The parent shares its stdout with the server, so the ready line reaches this test directly.
    const parentScript = `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, process.argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
      setInterval(() => {}, 60_000);`;
    const parent = runCli(['--port', '0'], {}, { script: parentScript });
    const ready = await parent.ready;
    orphans.add(ready.pid);
    expect(ready.pid).not.toBe(parent.child.pid);

    parent.child.kill('SIGKILL');
    await parent.exited;
    await waitUntilGone(ready.pid, 2_000);
    expect(await refusesConnections(ready.url)).toBe(true);
  });
});

describe('mesh-test-server: the V8 flags it sets', () => {
  // Flags set at run time (src/cli/heap-size.ts) must hold through V8's major GCs: some, such as
  // --single-threaded-gc, abort V8 at the first incremental marking. Enough writes to grow the heap
  // into a few of those, then the server must still answer.
  test('the server still answers after 600 creates of 2 KB each', async () => {
    const run = runCli(['--port', '0']);
    const ready = await run.ready;
    await createNote(ready, 'first');
    const body = 'x'.repeat(2048);
    for (let i = 0; i < 600; i += 1) {
      const created = await post(`${ready.apiUrl}/content/Notes?tenant=${TENANT}`, { content: { userId: USER, tenantId: TENANT, title: `n${i}`, mode: 'work', body } });
      expect(created.status).toBe(200);
      await created.arrayBuffer();
    }
    expect((await fetch(`${ready.url}/health`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe("mesh-test-server: Node's compile cache", () => {
  // Node >= 22.8 has module.enableCompileCache; Node 20 has none, and the CLI then runs without one.
  const nodeHasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

  /** Runs the CLI to its ready line and stops it, with TMPDIR (where Node puts the cache by default) in a fresh directory. */
  async function cacheFilesAfterOneStart(env: NodeJS.ProcessEnv): Promise<number> {
    const temp = mkdtempSync(join(tmpdir(), 'mesh-cli-cache-'));
    try {
      // NODE_COMPILE_CACHE alone would turn the cache on in Node itself: unset, only the CLI can.
      const run = runCli(['--port', '0'], { TMPDIR: temp, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, ...env });
      await run.ready;
      run.child.kill('SIGTERM');
      expect(await run.exited).toEqual({ code: 0, signal: null });
      const cache = join(temp, 'node-compile-cache');
      return existsSync(cache) ? readdirSync(cache, { recursive: true }).length : 0;
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }

  test(`is ${nodeHasCompileCache ? 'filled under the OS temp dir' : 'absent on this Node'} (Node ${process.versions.node})`, async () => {
    const files = await cacheFilesAfterOneStart({});
    if (nodeHasCompileCache) expect(files).toBeGreaterThan(0);
    else expect(files).toBe(0);
  });

  test('NODE_DISABLE_COMPILE_CACHE=1 turns it off', async () => {
    expect(await cacheFilesAfterOneStart({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(0);
  });
});

describe('mesh-test-server: bad input exits 2 with one line naming the flag', () => {
  test.each([
    [['--bogus'], 'mesh-test-server: unknown flag --bogus; known flags are --port, --host,'],
    [['--auth', 'sometimes'], 'mesh-test-server: --auth must be one of "enforce" | "off", got "sometimes"'],
    [['--port', 'abc'], 'mesh-test-server: --port must be an integer from 0 to 65535 (0 picks a free port), got "abc"'],
    [['--port', '70000'], 'mesh-test-server: --port must be an integer from 0 to 65535'],
    [['--port'], 'mesh-test-server: --port needs a value'],
    [['--strict=yes'], 'mesh-test-server: --strict is a switch and takes no value'],
    [['extra'], 'mesh-test-server: unexpected argument "extra"'],
    [['--mesh-secret', ''], 'mesh-test-server: --mesh-secret must be a non-empty string, got ""'],
    [['--definitions', '/nowhere/defs.json'], 'mesh-test-server: --definitions /nowhere/defs.json: cannot read definition file'],
    [['--port', 'abc', '--auth', 'sometimes', '--mesh-secret', ''],
      'mesh-test-server: --port must be an integer from 0 to 65535 (0 picks a free port), got "abc"; --mesh-secret must be a non-empty string, got ""; --auth must be one of "enforce" | "off", got "sometimes"'],
  ])('%j', async (args, expected) => {
    const run = runCli(args);
    expect(await run.exited).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toMatch(/^[^\n]+\n$/);
    expect(run.stderr()).toContain(expected);
    expect(run.stdout()).toBe('');
  });

  test('an invalid definition in a --definitions file is named with the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-cli-'));
    try {
      const file = join(dir, 'defs.json');
      writeFileSync(file, JSON.stringify([{ name: 'Ok', dataModel: { block: 'Ok', jsonSchema: { type: 'object', properties: {} } } }, { name: 'NoModel' }]));
      const run = runCli(['--definitions', file]);
      expect(await run.exited).toEqual({ code: 2, signal: null });
      expect(run.stderr()).toMatch(new RegExp(`^mesh-test-server: --definitions ${file} \\(entry 1\\): .+\\n$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a taken port exits 2 naming --port, or PORT when the environment set it', async () => {
    const taken = await holdPort();
    try {
      const fromFlag = runCli(['--port', String(taken.port)]);
      const fromEnv = runCli([], { PORT: String(taken.port) });
      expect(await fromFlag.exited).toEqual({ code: 2, signal: null });
      expect(fromFlag.stderr()).toBe(
        `mesh-test-server: --port ${taken.port} is already in use on 127.0.0.1; pick another port or --port 0 for any free one\n`);
      expect(await fromEnv.exited).toEqual({ code: 2, signal: null });
      expect(fromEnv.stderr()).toMatch(new RegExp(`^mesh-test-server: PORT=${taken.port} is already in use[^\\n]+\\n$`));
    } finally {
      await taken.release();
    }
  });
});

describe('mesh-test-server: options from flags and environment', () => {
  test('PORT is honoured, and --port wins over it', async () => {
    const reserved = await holdPort();
    await reserved.release();
    const fromEnv = runCli([], { PORT: String(reserved.port) });
    const flagWins = runCli(['--port', '0'], { PORT: String(reserved.port) });
    expect((await fromEnv.ready).port).toBe(reserved.port);
    expect((await flagWins.ready).port).not.toBe(reserved.port);
  });

  test('MESH_SHARED_SECRET and BOT_CONTROL_SHARED_SECRET replace the defaults; flags win', async () => {
    const run = runCli(['--bot-control-secret', 'flag-bot'], { MESH_SHARED_SECRET: 'env-mesh', BOT_CONTROL_SHARED_SECRET: 'env-bot' });
    const { apiUrl } = await run.ready;
    const status = async (headers: Record<string, string>) => (await fetch(`${apiUrl}/definition/Tenant`, { headers })).status;
    expect(await status({ 'x-mesh-secret': 'env-mesh' })).toBe(200);
    expect(await status({ 'x-mesh-secret': 'test-mesh-secret' })).toBe(401);
    expect(await status({ 'x-bot-control-secret': 'flag-bot' })).toBe(200);
    expect(await status({ 'x-bot-control-secret': 'env-bot' })).toBe(401);
  });

  test('--auth off, --definitions and --strict reach the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-cli-'));
    try {
      const file = join(dir, 'widget.json');
      writeFileSync(file, JSON.stringify({
        name: 'Widget',
        dataModel: { block: 'Widget', jsonSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      }));
      const run = runCli(['--auth', 'off', '--definitions', file, '--strict']);
      const { apiUrl } = await run.ready;
      const open = { 'content-type': 'application/json' };
      expect((await post(`${apiUrl}/content/Widget`, { content: { name: 'w' } }, open)).status).toBe(200);
      const invalid = await post(`${apiUrl}/content/Widget`, { content: { label: 'w' } }, open);
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('SCHEMA_VALIDATION');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--help and --version print to stdout and exit 0', async () => {
    const help = runCli(['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toContain('Usage: mesh-test-server');
    const version = runCli(['--version']);
    expect((await version.exited).code).toBe(0);
    expect(version.stdout()).toBe(`${(JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version}\n`);
  });
});

describe('mesh-test-server: --seed, --clock and --export-on-exit', () => {
  const SEED_TENANT = '6f1c2a4e-0000-4000-8000-000000000001';
  const SEED_NOTE = '0a7d5d0e-0000-4000-8000-000000000002';
  const notesDefinition = { name: 'Notes', dataModel: { block: 'Notes', jsonSchema: { type: 'object', properties: { title: { type: 'string' } } } } };
  const ndjson = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mesh-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A definition and a tenant in an NDJSON file, a note in a JSON file: --seed is repeatable and reads both. */
  function writeSeeds(): string[] {
    const first = join(dir, 'tenant.ndjson');
    const second = join(dir, 'note.json');
    writeFileSync(first, ndjson([
      { type: 'DynamicContent', tenant: SEED_TENANT, content: notesDefinition },
      { type: 'Tenant', content: { _id: SEED_TENANT, name: 'Acme' } },
    ]));
    writeFileSync(second, JSON.stringify([{ type: 'Notes', tenant: SEED_TENANT, content: { _id: SEED_NOTE, title: 'Welcome', tenantId: SEED_TENANT } }]));
    return ['--seed', first, '--seed', second];
  }
  const get = async (url: string) => (await fetch(url, { headers: SECRET_HEADERS })).json() as Promise<{ data: any }>;

  test('seeded records and a fixed clock reach the server, and a reset returns to both', async () => {
    const run = runCli([...writeSeeds(), '--clock', '2024-01-01T00:00:00Z,1000']);
    const { url, apiUrl } = await run.ready;
    const seededClock = (await get(`${url}/test/clock`)).data;
    expect(seededClock).toMatchObject({ mode: 'fixed', stepMs: 1000 });
    expect(Date.parse(seededClock.now)).toBeGreaterThan(Date.parse('2024-01-01T00:00:00Z'));
    expect((await get(`${apiUrl}/content/Notes/${SEED_NOTE}?tenant=${SEED_TENANT}`)).data.title).toBe('Welcome');
    const added = await post(`${apiUrl}/content/Notes?tenant=${SEED_TENANT}`, { content: { title: 'added' } });
    const addedId = ((await added.json()) as { data: { _id: string } }).data._id;
    await post(`${url}/test/clock`, { advance: 3_600_000 });
    await post(`${url}/test/reset-db`, {});
    expect((await get(`${url}/test/clock`)).data).toEqual(seededClock);
    expect((await fetch(`${apiUrl}/content/Notes/${addedId}?tenant=${SEED_TENANT}`, { headers: SECRET_HEADERS })).status).toBe(404);
    expect((await get(`${apiUrl}/content/Notes/${SEED_NOTE}?tenant=${SEED_TENANT}`)).data.title).toBe('Welcome');
  });

  test('--export-on-exit writes the dump on stop (NDJSON or JSON by the name), and it seeds the same state back', async () => {
    const exported = join(dir, 'state.ndjson');
    const first = runCli([...writeSeeds(), '--export-on-exit', exported]);
    const ready = await first.ready;
    await post(`${ready.apiUrl}/content/Notes?tenant=${SEED_TENANT}`, { content: { title: 'written at run time', tenantId: SEED_TENANT } });
    const state = (await get(`${ready.url}/test/dump`)).data;
    expect(state).toHaveLength(4);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(readFileSync(exported, 'utf8')).toBe(ndjson(state));

    const again = join(dir, 'again.json');
    const second = runCli(['--seed', exported, '--export-on-exit', again, '--exit-on-stdin-close']);
    expect((await get(`${(await second.ready).url}/test/dump`)).data).toEqual(state);
    second.child.stdin!.end();
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(JSON.parse(readFileSync(again, 'utf8'))).toEqual(state);
  });

  test('bad seeds, clocks and export paths exit 2 with one line naming the flag, file and record', async () => {
    const shape = join(dir, 'shape.ndjson');
    writeFileSync(shape, ndjson([{ type: 'Tenant', content: { name: 'ok' } }]) + '{"type":"Notes","content":[1]}\n');
    const unknownType = join(dir, 'unknown.json');
    writeFileSync(unknownType, JSON.stringify({ type: 'Nope', content: { title: 'x' } }));
    const cases: Array<[string[], RegExp]> = [
      [['--seed', shape], new RegExp(`^mesh-test-server: --seed ${shape} line 2 \\(record 2\\): content must be an object, got an array\\n$`)],
      [['--seed', unknownType], new RegExp(`^mesh-test-server: --seed ${unknownType} record 1: .*"Nope" not found.*\\(CONTENT_CREATE_ERR\\)[^\\n]*\\n$`)],
      [['--seed', join(dir, 'missing.ndjson')], /^mesh-test-server: --seed \S+missing\.ndjson: cannot read seed file [^\n]+\n$/],
      [['--clock', 'tomorrow'], /^mesh-test-server: --clock tomorrow: start must be an ISO 8601 date [^\n]+, got "tomorrow"\n$/],
      [['--clock', '2024-01-01T00:00:00Z,fast'], /^mesh-test-server: --clock 2024-01-01T00:00:00Z,fast: stepMs must be an integer from 0 to 86400000 [^\n]+, got "fast"\n$/],
      [['--export-on-exit', join(dir, 'nowhere', 'state.ndjson')], /^mesh-test-server: --export-on-exit \S+state\.ndjson: its folder \S+nowhere does not exist\n$/],
    ];
    for (const [args, expected] of cases) {
      const run = runCli(args);
      expect({ args, exit: await run.exited, stdout: run.stdout() }).toEqual({ args, exit: { code: 2, signal: null }, stdout: '' });
      expect(run.stderr()).toMatch(expected);
    }
  });
});
