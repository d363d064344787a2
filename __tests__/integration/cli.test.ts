import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
