import type { Random } from './random.ts';

/**
 * Identifiers for demo records: valid by the checksums of research/domain.md §4 and, where the
 * register needs it, unique. Unique ones come from a counter through a bijection of the digit
 * space (multiplication by a constant coprime with 10), so they look scattered yet never repeat.
 */

/** (a · b) mod m without losing precision beyond 2^53. */
function mulMod(a: number, b: number, m: number): number {
  return Number((BigInt(a) * BigInt(b)) % BigInt(m));
}

/** A multiplier coprime with 10: a bijection on every 10^k digit space. */
const SCATTER = 738_291_637;

/** The national-code check digit of 9 body digits (domain.md §4.1). */
function nationalCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/** The legal-ID check digit of 10 body digits (domain.md §4.2). */
function legalCheckDigit(body: string): number {
  const weights = [29, 27, 23, 19, 17];
  const d = Number(body[9]) + 2;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (d + Number(body[i])) * (weights[i % 5] ?? 0);
  return (sum % 11) % 10;
}

/** Numbers that must never repeat: national codes and legal IDs, each from its own counter. */
export type IdentifierSource = {
  /** A new valid national code (کد ملی), never returned before by this source. */
  nationalCode(): string;
  /** A new valid legal-entity national ID (شناسه ملی), 11 digits starting with 10, never returned before. */
  legalId(): string;
};

/** A source of unique identifiers; `seed` shifts where the sequences start. */
export function createIdentifierSource(seed: number): IdentifierSource {
  let person = (seed * 7_919) % 1_000_000;
  let entity = (seed * 104_729) % 1_000_000;

  return {
    nationalCode() {
      for (;;) {
        const body = String(mulMod(SCATTER, person++, 1_000_000_000)).padStart(9, '0');
        if (body.slice(3, 9) === '000000') continue;
        const code = `${body}${nationalCheckDigit(body)}`;
        if (/^(.)\1*$/.test(code)) continue;
        return code;
      }
    },
    legalId() {
      for (;;) {
        const body = `10${String(mulMod(SCATTER, entity++, 100_000_000)).padStart(8, '0')}`;
        if (body.slice(3, 9) === '000000') continue;
        return `${body}${legalCheckDigit(body)}`;
      }
    },
  };
}

/** Operator prefixes after 09 (domain.md §4.4): MCI, Irancell, RighTel. */
const MOBILE_PREFIXES = [
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '30',
  '33',
  '35',
  '36',
  '37',
  '38',
  '39',
  '01',
  '02',
  '03',
  '20',
  '21',
  '22',
  '90',
  '91',
  '92',
];

/** A mobile number `09xxxxxxxxx` (not unique: people share family phones in real registers too). */
export function randomMobile(rng: Random): string {
  return `09${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** Bank codes of Iranian IBANs (the three digits after the check digits). */
const BANK_CODES = [
  '017',
  '012',
  '015',
  '016',
  '018',
  '019',
  '020',
  '021',
  '022',
  '054',
  '055',
  '056',
  '057',
  '062',
  '069',
  '070',
];

/** A valid Iranian IBAN: IR, two mod-97 check digits, a bank code and a 19-digit account. */
export function randomIban(rng: Random): string {
  let bban = rng.pick(BANK_CODES);
  while (bban.length < 22) bban += String(rng.int(0, 9));
  // IR00 moved to the end, I = 18, R = 27: the check digits make the remainder 1.
  let r = 0;
  for (const c of `${bban}182700`) r = (r * 10 + Number(c)) % 97;
  return `IR${String(98 - r).padStart(2, '0')}${bban}`;
}

const POSTAL_HEAD = [...'13456789'];
const POSTAL_FIFTH = [...'1346789'];
const POSTAL_TAIL = [...'013456789'];

/** A 10-digit postal code of the usual pattern (domain.md §4.5: no 0 or 2 up front, no 5 in the fifth digit). */
export function randomPostalCode(rng: Random): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < 4; i++) code += rng.pick(POSTAL_HEAD);
    if (/^(.)\1{3}$/.test(code)) continue;
    code += rng.pick(POSTAL_FIFTH);
    for (let i = 0; i < 5; i++) code += rng.pick(POSTAL_TAIL);
    return code;
  }
}
