import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'taavon-cli-'));
const env = {
  ...process.env,
  TAAVON_SQLITE_FILE: join(dir, 'cli.db'),
  TAAVON_TODAY: '2026-11-28',
  DATABASE_URL: '',
};
const bin = join(import.meta.dirname, '..', 'bin', 'taavon.js');

async function taavon(...args: string[]): Promise<{ stdout: string; stderr: string; code?: number }> {
  return run(process.execPath, [bin, ...args], { env, cwd: dir }).catch(
    (e: { stdout: string; stderr: string; code: number }) => ({
      stdout: e.stdout,
      stderr: e.stderr,
      code: e.code,
    }),
  );
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the taavon command', () => {
  it('migrates, registers, changes status, searches, shows and exports through the same use cases', async () => {
    expect((await taavon('db', 'migrate')).stdout).toContain('up to date');
    const coop = {
      name: 'تعاونی چای لاهیجان',
      legalForm: 'conventional',
      field: 'کشاورزی',
      province: 'گیلان',
      county: 'لاهیجان',
      capitalRials: '۵۰۰۰۰۰۰۰۰',
    };
    writeFileSync(join(dir, 'coop.json'), JSON.stringify(coop));
    expect((await taavon('cooperative', 'register', `@${join(dir, 'coop.json')}`)).stdout).toContain(
      'registered: id 1',
    );
    expect((await taavon('cooperative', 'status', '1', 'approved')).stdout).toContain('status: approved');
    const registration = await taavon(
      'cooperative',
      'status',
      '1',
      'active',
      '--legal-id',
      '۱۰۳۸۰۲۸۴۷۹۰',
      '--registration-no',
      '1234',
      '--registered-on',
      '1405/08/01',
    );
    expect(registration.stdout).toContain('status: active');
    const found = await taavon('search', 'چاي');
    expect(found.stdout).toContain('1 cooperatives');
    expect(found.stdout).toContain('10380284790');
    const profile = JSON.parse((await taavon('cooperative', 'show', '10380284790')).stdout);
    expect(profile).toMatchObject({
      name: 'تعاونی چای لاهیجان',
      status: { code: 'active' },
      registeredOn: '2026-10-23',
    });
    await taavon('export', 'cooperatives', '--out', join(dir, 'out.csv'));
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toContain('تعاونی چای لاهیجان');
  }, 60_000);

  it('explains bad input in Persian and English and exits with 1', async () => {
    const bad = await taavon('cooperative', 'status', '10380284790', 'approved');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('INVALID_TRANSITION');
    expect(bad.stderr).toContain('این تغییر وضعیت مجاز نیست');
    const invalid = await taavon(
      'record',
      'filing',
      JSON.stringify({ cooperativeLegalId: '10380284791', kind: 'x', filedOn: '1402/12/30' }),
    );
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/cooperativeLegalId: شناسهٔ ملی معتبر نیست/);
    expect(invalid.stderr).toMatch(/filedOn: چنین تاریخی وجود ندارد/);
  }, 60_000);

  it('verifies a log, exports it for offline checking, and names the entry whose byte was changed', async () => {
    const clean = await taavon('ledger', 'verify', '--cooperative', '10380284790');
    expect(clean.code ?? 0).toBe(0);
    expect(clean.stdout).toMatch(/^verified 3 entries of 1 log, root [0-9a-f]{64}\n$/);
    const out = join(dir, 'ledger.json');
    await taavon('ledger', 'export', '--cooperative', '10380284790', '--out', out);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'taavon-ledger-export/1' });
    writeFileSync(join(dir, 'kept.txt'), (await taavon('ledger', 'checkpoint', '--cooperative', '1')).stdout);
    const offline = await taavon('ledger', 'verify', '--file', out, '--checkpoint', join(dir, 'kept.txt'));
    expect(offline.code ?? 0).toBe(0);
    expect(offline.stdout).toMatch(/^verified 3 entries of 1 log/);

    const db = new Database(env.TAAVON_SQLITE_FILE);
    const { body } = db.prepare('select body from ledger_entries where idx = 1').get() as { body: string };
    const at = body.indexOf('"on":"') + 8; // a digit of the date of the status change
    const changed = `${body.slice(0, at)}${body[at] === '1' ? '2' : '1'}${body.slice(at + 1)}`;
    db.prepare('update ledger_entries set body = ? where idx = 1').run(changed);
    db.close();
    const tampered = await taavon('ledger', 'verify', '--cooperative', '10380284790');
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('entry 1 [entry_altered]: entry 1 was altered');
    expect(tampered.stdout).toContain('ثبت ۱ دستکاری شده است');
    expect(tampered.stdout).toMatch(/\n1 problem in 1 log\(s\)\n$/);
    expect((await taavon('ledger', 'verify', '--all')).code).toBe(1);
    // the export made before the change still verifies on its own
    expect((await taavon('ledger', 'verify', '--file', out)).code ?? 0).toBe(0);
  }, 60_000);
});
