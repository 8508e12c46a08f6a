import type { LedgerCheckpoint } from '../api/ledger.ts';
import type { WitnessKey } from './verify.ts';

/**
 * What this browser keeps of the ledger, in localStorage: a checkpoint per cooperative (to
 * check later that the log only grew since) and the person's witness key (to co-sign).
 */

const keptKey = (legalId: string) => `taavon.ledger.kept.${legalId}`;
const witnessKeyOf = (personId: number) => `taavon.ledger.witness.${personId}`;

function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** A checkpoint as kept: the signed note is what counts; the rest is what it claimed then. */
export type KeptCheckpoint = Pick<
  LedgerCheckpoint,
  'origin' | 'size' | 'rootHash' | 'keyId' | 'createdAt' | 'note'
> & {
  keptAt: string;
};

export function keptCheckpoint(legalId: string): KeptCheckpoint | null {
  const kept = read<KeptCheckpoint>(keptKey(legalId));
  return kept && typeof kept.note === 'string' && typeof kept.size === 'number' ? kept : null;
}

export function keepCheckpoint(legalId: string, checkpoint: LedgerCheckpoint): KeptCheckpoint | null {
  const kept: KeptCheckpoint = {
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: checkpoint.rootHash,
    keyId: checkpoint.keyId,
    createdAt: checkpoint.createdAt,
    note: checkpoint.note,
    keptAt: new Date().toISOString(),
  };
  return write(keptKey(legalId), kept) ? kept : null;
}

/** The witness key of a person in this browser, and whether the server has it registered. */
export type StoredWitnessKey = WitnessKey & { registered: boolean };

export function storedWitnessKey(personId: number): StoredWitnessKey | null {
  return read<StoredWitnessKey>(witnessKeyOf(personId));
}

export function storeWitnessKey(personId: number, key: StoredWitnessKey): boolean {
  return write(witnessKeyOf(personId), key);
}
