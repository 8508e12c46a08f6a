import type { ApiProblem } from '../api/client.ts';
import type { Challenge, Me } from '../api/types.ts';

/** The three journeys that send a code by SMS. */
export type Purpose = 'sign-in' | 'activation' | 'recovery';

/**
 * A journey between its pages: the national code typed (kept for the back link), the challenge
 * the server issued, the code typed (activation and recovery send it with the password), and a
 * rejected code to show on the code page again. Kept in memory only: a reload starts over, and
 * the challenge never reaches storage.
 */
export type Flow = {
  purpose: Purpose;
  nationalCode: string;
  challenge: Challenge | null;
  code: string;
  codeProblem: ApiProblem | null;
  next: string | null;
};

let flow: Flow | null = null;

export function flowFor(purpose: Purpose): Flow | null {
  return flow?.purpose === purpose ? flow : null;
}

export function startFlow(purpose: Purpose, nationalCode: string, challenge: Challenge, next: string | null) {
  flow = { purpose, nationalCode, challenge, code: '', codeProblem: null, next };
}

export function updateFlow(purpose: Purpose, change: Partial<Omit<Flow, 'purpose'>>): void {
  if (flow?.purpose === purpose) flow = { ...flow, ...change };
}

export function endFlow(): void {
  flow = null;
}

/** Where a person lands after signing in: ministry staff on their list, everyone else on their cooperatives. */
export function homeOf(me: Me): string {
  return me.staffRoles.length > 0 ? '/supervision' : '/me';
}
