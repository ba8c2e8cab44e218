/**
 * Several screens as one. The first screen that rejects decides (a banned writer is not
 * worth a classifier run); otherwise the strictest action wins and every reason is kept,
 * so a moderator sees all of them, not only the one that tipped the verdict.
 *
 * @example
 *   const screen = composeScreens(moderation.screen, spam.screen);
 *   const verdict = await screen({ body, links: 0, identity: 'email:abc', ipHash, articleId: 7 });
 */
import type { Screen, ScreenVerdict } from '../service.js';

const RANK = { accept: 0, hold: 1, reject: 2 } as const;

export function composeScreens(...screens: Screen[]): Screen {
  return async (input) => {
    const combined: ScreenVerdict = { action: 'accept', score: 0, reasons: [] };
    for (const screen of screens) {
      const verdict = await screen(input);
      combined.score += verdict.score;
      combined.reasons.push(...verdict.reasons);
      if (RANK[verdict.action] > RANK[combined.action]) combined.action = verdict.action;
      if (combined.action === 'reject') break;
    }
    combined.score = Math.round(combined.score * 100) / 100;
    return combined;
  };
}
