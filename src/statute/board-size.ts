import type { StatutorySettings } from './settings.ts';

/** The allowed board size for a cooperative of a given membership. */
export type BoardSizeLimits = {
  principalsMin: number;
  principalsMax: number;
  /** Most alternates any allowed board may have (see boardAlternatesMax for a given principal count). */
  alternatesMax: number;
  /** Most principals plus alternates any allowed board may have. */
  totalMax: number;
};

/**
 * Extra principal seats (and as many extra alternate seats) for a large cooperative: one for each
 * full boardExtraPerMembers members beyond the first boardExtraPerMembers. [I] domain.md says "for
 * every 400 members beyond the base"; we read the base as the first 400, so 799 members → 0,
 * 800 → 1, 1200 → 2.
 */
export function boardExtraSeats(memberCount: number, settings: StatutorySettings): number {
  requireCount(memberCount);
  const per = settings.boardExtraPerMembers;

  return Math.floor(Math.max(0, memberCount - per) / per);
}

/**
 * Most alternates a board with this many principals may have: the alternates fraction of the
 * principals (at most boardPrincipalsMax of them count, rounded per boardAlternatesRounding), plus
 * the extra seats, within boardTotalMax.
 */
export function boardAlternatesMax(
  principals: number,
  memberCount: number,
  settings: StatutorySettings,
): number {
  requireCount(principals);
  const { numerator, denominator } = settings.boardAlternatesFraction;
  const share = (Math.min(principals, settings.boardPrincipalsMax) * numerator) / denominator;
  const base = settings.boardAlternatesRounding === 'ceil' ? Math.ceil(share) : Math.floor(share);
  const allowed = base + boardExtraSeats(memberCount, settings);

  return Math.max(0, Math.min(allowed, settings.boardTotalMax - principals));
}

/** The board-size limits for a cooperative with memberCount members under the given settings. */
export function boardSizeLimits(memberCount: number, settings: StatutorySettings): BoardSizeLimits {
  const principalsMin = settings.boardPrincipalsMin;
  const principalsMax = Math.min(
    settings.boardPrincipalsMax + boardExtraSeats(memberCount, settings),
    settings.boardTotalMax,
  );
  let alternatesMax = 0;
  let totalMax = 0;
  for (let p = principalsMin; p <= principalsMax; p++) {
    const alternates = boardAlternatesMax(p, memberCount, settings);
    alternatesMax = Math.max(alternatesMax, alternates);
    totalMax = Math.max(totalMax, p + alternates);
  }

  return { principalsMin, principalsMax, alternatesMax, totalMax };
}

function requireCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`expected a whole number ≥ 0, got ${n}`);
}
