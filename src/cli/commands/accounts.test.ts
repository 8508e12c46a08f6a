import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'taavon-accounts-cli-'));
const env = {
  ...process.env,
  TAAVON_SQLITE_FILE: join(dir, 'cli.db'),
  TAAVON_TODAY: '2026-11-28',
  TAAVON_MODE: 'production',
  TAAVON_SCRYPT_N: '1024',
  TAAVON_SCRYPT_P: '1',
  DATABASE_URL: '',
};
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'taavon.js');

function taavon(
  args: string[],
  stdin = '',
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(stdin);
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('taavon admin / officer / account', () => {
  it('creates the first administrator with --password-stdin, officers, and disables an account', async () => {
    const admin = await taavon(
      [
        'admin',
        'create',
        '--national-code',
        '۰۴۹۹۳۷۰۸۹۹',
        '--first-name',
        'سارا',
        '--last-name',
        'رضایی',
        '--mobile',
        '09121110000',
        '--password-stdin',
      ],
      'Golestan-Palace-1405\n',
    );
    expect(admin.stderr).toBe('');
    expect(admin.stdout).toContain('administrator: person 1');
    expect(admin.stdout).toContain('account created');

    const weak = await taavon(
      [
        'admin',
        'create',
        '--national-code',
        '0790419904',
        '--first-name',
        'a',
        '--last-name',
        'b',
        '--password-stdin',
      ],
      'password\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('INVALID_INPUT');
    expect(weak.stderr).toContain('password: ');
    expect(weak.stderr).toContain('too common');

    const officer = await taavon([
      'officer',
      'create',
      '--national-code',
      '0790419904',
      '--first-name',
      'رضا',
      '--last-name',
      'جعفری',
      '--mobile',
      '09122220000',
      '--province',
      'فارس',
      '--county',
      'شیراز',
    ]);
    expect(officer.stdout).toContain('ministry officer (county)');
    expect(officer.stdout).toContain('0912•••0000');

    const noScope = await taavon(['officer', 'create', '--national-code', '0790419904']);
    expect(noScope.code).toBe(1);
    expect(noScope.stderr).toContain('--nation');

    const disabled = await taavon(['account', 'disable', '--national-code', '0499370899']);
    expect(disabled.stdout).toContain('account disabled; 0 sessions ended');
    const missing = await taavon(['account', 'disable', '--national-code', '0790419904']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });
});
