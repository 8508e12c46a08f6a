import { randomInt } from 'node:crypto';
import { newToken, tokenKey } from '../accounts/tokens.ts';
import { toPersianDigits } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import type { Bilingual } from '../errors/app-error.ts';
import { foldDigits } from '../text/index.ts';
import * as repo from './news.repository.ts';

/**
 * The question an anonymous commenter answers, as on the original page («۵ بعلاوه ۳ = ؟»): plain
 * text that a screen reader reads out (no distorted image), in Persian digits. The answer stays
 * on the server with the SHA-256 of the challenge id (the id itself is only in the client's hand);
 * answering takes the challenge out whatever the answer, so a wrong guess or a replayed id fails.
 */
export const CHALLENGE_MINUTES = 15;

export type IssuedNewsChallenge = { challengeId: string; question: Bilingual; expiresAt: string };

/** Use case: a new arithmetic question (a + b with 1–9, or a − b with a > b); expired ones are swept. */
export async function issueNewsChallenge(ctx: Context): Promise<IssuedNewsChallenge> {
  const now = ctx.clock.now();
  const plus = randomInt(0, 2) === 0;
  // One-digit numbers both ways, and a difference above zero: 1–9 plus 1–9, or 2–9 minus less.
  const a = plus ? randomInt(1, 10) : randomInt(2, 10);
  const b = plus ? randomInt(1, 10) : randomInt(1, a);
  const answer = plus ? a + b : a - b;
  const challengeId = newToken();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString();
  await repo.deleteExpiredChallenges(ctx.db, now.toISOString());
  await repo.insertChallenge(ctx.db, {
    key: tokenKey(challengeId),
    answer,
    expires_at: expiresAt,
    created_at: now.toISOString(),
  });

  return {
    challengeId,
    question: {
      fa: `${toPersianDigits(a)} ${plus ? 'بعلاوه' : 'منهای'} ${toPersianDigits(b)} = ؟`,
      en: `${a} ${plus ? 'plus' : 'minus'} ${b} = ?`,
    },
    expiresAt,
  };
}

/**
 * Takes the challenge out (in its own statement, so it is gone even when the comment is then
 * refused) and says whether the answer is right: `used` when there is no such live challenge.
 */
export async function answerNewsChallenge(
  ctx: Context,
  challengeId: string,
  answer: string,
): Promise<'right' | 'wrong' | 'used'> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(challengeId)) return 'used';
  const found = await repo.takeChallenge(ctx.db, tokenKey(challengeId));
  if (!found || found.expires_at < ctx.clock.now().toISOString()) return 'used';
  const given = foldDigits(answer.trim());

  return /^-?\d{1,4}$/.test(given) && Number(given) === Number(found.answer) ? 'right' : 'wrong';
}
