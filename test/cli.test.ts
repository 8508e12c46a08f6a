import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
});
