// The console server as its own process (the bundle `npm start` runs), for what needs a real one: the
// crash test kills it with SIGKILL, the benchmarks measure it from outside. One helper for both.
// Plain Node (type stripping): no TypeScript-only syntax, node: imports only.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  /** http://127.0.0.1:port, no trailing slash. */
  url: string;
  child: ChildProcess;
  /** SIGTERM: the server closes its database, which folds the WAL into the file. */
  stop(): Promise<void>;
  /** SIGKILL: as a crash would. */
  kill(): Promise<void>;
}

/**
 * Starts `node bundle --port 0 ...args` and resolves once it listens (the URL it prints); rejects with
 * its output when it exits first.
 */
export function startServerProcess(bundle: string, args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [bundle, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ended = (signal: NodeJS.Signals) => (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s/]+)\//.exec(output);
      if (match) resolve({ url: match[1] as string, child, stop: ended('SIGTERM'), kill: ended('SIGKILL') });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The server exited (${code}) before it listened:\n${output}`)));
  });
}
