import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { checkPasswordPolicy } from './password-policy.ts';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password policy (T6, ASVS v5.0.0-6.2)', () => {
  it('refuses 7 characters and accepts 8, 64 and 100; refuses more than 128', () => {
    expect(checkPasswordPolicy('Gx7#kq2')?.code).toBe('password_too_short');
    expect(checkPasswordPolicy('Gx7#kq2w')).toBeNull();
    expect(checkPasswordPolicy('a'.repeat(10) + 'Zq'.repeat(27))).toBeNull(); // 64
    expect(checkPasswordPolicy('شب‌های روشن '.repeat(9).slice(0, 100))).toBeNull(); // 100, Persian
    expect(checkPasswordPolicy('x'.repeat(129))?.code).toBe('password_too_long');
  });

  it('has no composition rules: lower-case words and Persian text pass', () => {
    expect(checkPasswordPolicy('blue river stone')).toBeNull();
    expect(checkPasswordPolicy('کوه دماوند بلند')).toBeNull();
  });

  it('refuses every one of the 3,000 most common passwords of the maintained list', () => {
    const common = dictionary['passwords-common'].slice(0, 3000);
    const accepted = common.filter((p) => checkPasswordPolicy(p) === null);
    expect(accepted).toEqual([]);
  });

  it('checks the list in lower case with Persian and Arabic-Indic digits folded', () => {
    expect(checkPasswordPolicy('PASSWORD123')?.code).toBe('password_common');
    expect(checkPasswordPolicy('password۱۲۳')?.code).toBe('password_common');
    expect(checkPasswordPolicy('۱۲۳۴۵۶۷۸')?.code).toBe('password_common');
    expect(checkPasswordPolicy('١٢٣٤٥٦٧٨')?.code).toBe('password_common');
  });

  it('names the field and says why, in Persian and English', () => {
    const e = checkPasswordPolicy('short', 'newPassword');
    expect(e).toMatchObject({ path: 'newPassword', code: 'password_too_short' });
    expect(e?.message.fa).toContain('۸');
  });
});

describe('password hashing (T7)', () => {
  it('uses scrypt with a per-password salt and its parameters in the stored string', async () => {
    const a = await hashPassword('Kooh-Damavand-5610', FAST);
    const b = await hashPassword('Kooh-Damavand-5610', FAST);
    expect(a).toMatch(/^scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Damavand');
  });

  it('verifies exactly the password typed (no trimming, no case change)', async () => {
    const h = await hashPassword('Kooh-Damavand-5610', FAST);
    expect(await verifyPassword('Kooh-Damavand-5610', h)).toBe(true);
    expect(await verifyPassword('kooh-damavand-5610', h)).toBe(false);
    expect(await verifyPassword('Kooh-Damavand-5610 ', h)).toBe(false);
    expect(await verifyPassword('Kooh-Damavand-561', h)).toBe(false);
    expect(await verifyPassword('Kooh-Damavand-5610', 'not a hash')).toBe(false);
  });

  it('matches the same password typed on a Persian or an Arabic keyboard layout', async () => {
    const h = await hashPassword('کیک یزدی ۱۴۰۵', FAST);
    expect(await verifyPassword('كيك يزدي 1405', h)).toBe(true);
  });

  it('knows when a stored hash is weaker than the current parameters', async () => {
    const h = await hashPassword('Kooh-Damavand-5610', FAST);
    expect(needsRehash(h, FAST)).toBe(false);
    expect(needsRehash(h, { N: 2 ** 15, r: 8, p: 3 })).toBe(true);
  });
});
