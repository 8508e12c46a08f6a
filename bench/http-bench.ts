import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { createRandom } from '../src/demo/random.ts';
import type { ServerMessage } from './servers/protocol.ts';

/** Which server a scenario drives. */
export type Target = 'bare' | 'app';

export type HttpScenario = {
  name: string;
  title: string;
  target: Target;
  /** Request paths; every request picks one at random. */
  paths: string[];
};

export type ClientSettings = {
  connections: number;
  pipelining: number;
  warmupSeconds: number;
  durationSeconds: number;
  timeoutSeconds: number;
};

/** What a sequential pre-check of a scenario's first paths found (before any load). */
export type PreCheck = {
  requests: number;
  statuses: Record<string, number>;
  /** For search/list responses: the mean `total` of matches and how many had none. */
  meanTotal: number | null;
  emptyResults: number;
  meanBytes: number;
};

export type ScenarioResult = {
  scenario: HttpScenario;
  preCheck: PreCheck;
  requests: number;
  durationSeconds: number;
  reqPerSec: number;
  latency: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  bytesPerSec: number;
};

export type RunningServer = {
  target: Target;
  port: number;
  startMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
};

const SERVER_FILES: Record<Target, string> = {
  bare: fileURLToPath(new URL('./servers/bare-server.ts', import.meta.url)),
  app: fileURLToPath(new URL('./servers/app-server.ts', import.meta.url)),
};

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

/** Starts one server in a child process (its own event loop) and waits for its port. */
export function startServer(
  target: Target,
  sqliteFile: string,
  today: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const child = fork(SERVER_FILES[target], [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      ...extraEnv,
      BENCH_SQLITE_FILE: sqliteFile,
      BENCH_TODAY: today,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${target} server did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${target} server exited with code ${code} before it was ready`));
    });
    child.once('message', (raw) => {
      clearTimeout(timer);
      const message = raw as ServerMessage;
      if (message.kind === 'failed') {
        void stop();
        reject(new Error(`${target} server failed: ${message.error}`));
        return;
      }
      child.removeAllListeners('exit');
      resolve({ target, port: message.port, startMs: message.startMs, child, stop });
    });
  });
}

/** Fetches the first `count` paths one by one: statuses, sizes and (for lists) match counts. */
async function preCheck(baseUrl: string, paths: string[], count: number): Promise<PreCheck> {
  const statuses: Record<string, number> = {};
  let totals = 0;
  let withTotal = 0;
  let empty = 0;
  let bytes = 0;
  const sample = paths.slice(0, count);
  for (const path of sample) {
    const response = await fetch(baseUrl + path, { signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    bytes += Buffer.byteLength(body);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.ok) {
      const parsed: unknown = JSON.parse(body);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        'total' in parsed &&
        typeof parsed.total === 'number'
      ) {
        totals += parsed.total;
        withTotal += 1;
        if (parsed.total === 0) empty += 1;
      }
    }
  }

  return {
    requests: sample.length,
    statuses,
    meanTotal: withTotal > 0 ? totals / withTotal : null,
    emptyResults: empty,
    meanBytes: sample.length > 0 ? bytes / sample.length : 0,
  };
}

/**
 * Drives one server with autocannon: a warm-up, then `durationSeconds` of load. Each request
 * picks a random path of the scenario (seeded, so runs are comparable).
 */
export async function runScenario(
  server: RunningServer,
  scenario: HttpScenario,
  client: ClientSettings,
  seed: number,
): Promise<ScenarioResult> {
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const checked = await preCheck(baseUrl, scenario.paths, 50);
  const random = createRandom(seed);
  const { paths } = scenario;
  const options = {
    url: baseUrl,
    connections: client.connections,
    pipelining: client.pipelining,
    duration: client.durationSeconds,
    timeout: client.timeoutSeconds,
    warmup: { connections: client.connections, duration: client.warmupSeconds },
    renderProgressBar: false,
    renderResultsTable: false,
    requests: [
      {
        method: 'GET',
        setupRequest: (request: { method?: string; path?: string }) => ({
          ...request,
          path: random.pick(paths),
        }),
      },
    ],
  };
  const result: Result = await autocannon(options);
  const total = result.requests.total ?? result['2xx'] + result.non2xx;
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats)) statusCodes[code] = stats.count;

  return {
    scenario,
    preCheck: checked,
    requests: total,
    durationSeconds: result.duration,
    reqPerSec: total / result.duration,
    latency: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    bytesPerSec: result.throughput.mean,
  };
}
