/**
 * The baseline: a bare Fastify + better-sqlite3 server answering `GET /coop/:id` with one
 * prepared primary-key SELECT on the same database file the app serves. No logging, no schema
 * validation, no serializer: the ceiling for "one row by key" on this machine.
 */
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import { databaseFileFromEnv, stopWith, tellParent } from './protocol.ts';

const started = performance.now();
try {
  // Opened like src/db/connect.ts opens it, so both servers read the file the same way.
  const sqlite = new SqliteDatabase(databaseFileFromEnv(), { fileMustExist: true });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const byId = sqlite.prepare(
    `SELECT id, legal_id, registration_no, registered_on, name, legal_form, field_code, subfield_code,
            province_id, county_id, status, status_changed_on, capital_rials, paid_capital_rials, member_count
       FROM cooperatives WHERE id = ?`,
  );
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/coop/:id', async (request, reply) => {
    const row: unknown = byId.get(Number(request.params.id));
    if (row === undefined) return reply.code(404).send({ error: 'not found' });

    return row;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  stopWith(async () => {
    await app.close();
    sqlite.close();
  });
  tellParent({ kind: 'ready', port: address.port, startMs: performance.now() - started });
} catch (error) {
  tellParent({ kind: 'failed', error: String(error) });
  process.exit(1);
}
