/** Messages a benchmark server child sends its parent over the IPC channel. */
export type ServerMessage =
  | { kind: 'ready'; port: number; startMs: number }
  | { kind: 'failed'; error: string };

/** Sends a message to the parent, if there is one (the child was started with `fork`). */
export function tellParent(message: ServerMessage): void {
  process.send?.(message);
}

/** The SQLite file a child serves, from its environment. */
export function databaseFileFromEnv(): string {
  const file = process.env.BENCH_SQLITE_FILE;
  if (!file) throw new Error('BENCH_SQLITE_FILE is not set');

  return file;
}

/** Stops the child when the parent asks (SIGTERM) or goes away (IPC channel closed). */
export function stopWith(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}
