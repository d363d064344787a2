import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import type { StartedMeshServer } from '../server';
import { CliUsageError, parseCommandLine, renameSeedSource, type OptionNames } from './args';
import { USAGE, packageVersion } from './usage';
import { watchParent, watchSignals, watchStdin } from './watch';

const PROGRAM = 'mesh-test-server';

/** Runs the command; resolves with the exit code once it should exit. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  ignoreBrokenPipes();
  let command;
  try {
    command = parseCommandLine(argv, env);
  } catch (error) {
    return fail(error);
  }
  if (command.kind === 'help') return print(USAGE);
  if (command.kind === 'version') return print(`${packageVersion()}\n`);

  const exportFile = command.exportOnExit === undefined ? undefined : resolvePath(command.exportOnExit);
  // Found out now rather than when the server stops, after a whole test run.
  if (exportFile !== undefined && !existsSync(dirname(exportFile))) {
    return fail(new CliUsageError(`--export-on-exit ${command.exportOnExit}: its folder ${dirname(exportFile)} does not exist`));
  }
  let server: StartedMeshServer;
  try {
    // Loaded only now, so --help and flag errors answer without loading the database engine.
    const { startMeshServer } = await import('../server');
    server = await startMeshServer(command.options, { databaseKey: command.names.database });
  } catch (error) {
    return fail(describeStartError(error, command.options.port, command.options.host, command.names));
  }
  return serve(server, command.exitOnStdinClose, exportFile);
}

function serve(server: StartedMeshServer, exitOnStdinClose: boolean, exportFile: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      stopWatchingParent();
      log(`stopping (${reason})`);
      void exportRecords(server, exportFile).then((exported) => server.close().then(() => resolve(exported ? 0 : 1), (error: Error) => {
        log(`error while closing: ${error.message}`);
        resolve(1);
      }));
    };
    watchSignals(stop);
    const stopWatchingParent = watchParent(stop);
    if (exitOnStdinClose) watchStdin(stop);
    const { url, apiUrl, graphqlUrl, port } = server;
    process.stdout.write(`${JSON.stringify({ url, apiUrl, graphqlUrl, port, pid: process.pid })}\n`);
    log(`ready at ${url} (pid ${process.pid})`);
  });
}

/** Writes the dump for --export-on-exit; false (logged) when it could not. */
async function exportRecords(server: StartedMeshServer, file: string | undefined): Promise<boolean> {
  if (file === undefined) return true;
  try {
    const { formatRecords } = await import('../seed/dump');
    const { isNdjson } = await import('../seed/records');
    const records = await server.dump();
    writeFileSync(file, formatRecords(records, isNdjson(file)));
    log(`exported ${records.length} records to ${file}`);
    return true;
  } catch (error) {
    log(`--export-on-exit ${file}: ${(error as Error).message}`);
    return false;
  }
}

function describeStartError(error: unknown, port: number, host: string | undefined, names: OptionNames): unknown {
  const { code, message } = error as NodeJS.ErrnoException;
  // Records that parsed but that the service refused: each named by its file and record, on one line.
  if (code === 'INVALID_SEED') return new CliUsageError((error as { problems: string[] }).problems.map(renameSeedSource).join('; '));
  const portFlag = names.port.startsWith('--') ? `${names.port} ${port}` : `${names.port}=${port}`;
  if (code === 'PORT_IN_USE') {
    const where = (error as { address?: string }).address ?? host;
    // Without --host both loopbacks are listened on; ::1 alone taken can be dodged with --host.
    const orHost = host === undefined && where === '::1' ? ', or --host 127.0.0.1 to listen there only' : '';
    return new CliUsageError(`${portFlag} is already in use on ${where}; pick another port or --port 0 for any free one${orHost}`);
  }
  // The database option's own message names the flag or variable and what to do: one line, no stack.
  if (typeof code === 'string' && code.startsWith('DATABASE_')) return new CliUsageError(message);
  if (code === 'EACCES') return new CliUsageError(`${portFlag} needs privileges to listen on; pick a port above 1023 or 0`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CliUsageError(`${names.host} ${host} cannot be listened on (${code}): not an address of this machine`);
  }
  return error instanceof Error ? error : new Error(message);
}

function fail(error: unknown): number {
  const usage = error instanceof CliUsageError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${PROGRAM}: ${usage ? message.replace(/\s*\n\s*/g, ' ') : (error as Error).stack ?? message}\n`);
  return usage ? 2 : 1;
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

function log(message: string): void {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
}

// With the reader gone (a dead test runner), a write would raise EPIPE and crash shutdown.
function ignoreBrokenPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
