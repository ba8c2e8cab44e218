import { ChurnTable } from './churn.js';

/**
 * A lookup remembered for the rest of the current turn of the event loop, by its argument.
 *
 * For reads that every item of a burst repeats: the comments of one group commit are
 * acknowledged, and announced, in the same turn, and each asked again for the authors of the
 * article and their mail rule (issue 16). Nothing needs invalidating, here or in another
 * process: an answer is never older than the turn, so a change made meanwhile counts from the
 * next turn on, as if it had come a moment later. A failed read is not remembered.
 *
 * @example
 *   const authorsOf = forThisTurn((articleId: number) => store.articleAuthorUsers(articleId));
 *   await authorsOf(7); // reads
 *   await authorsOf(7); // the same answer, until the event loop turns
 */
export function forThisTurn<K extends string | number, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  // Emptied every turn: a Map would link each cleared store to the next and keep every
  // turn's answers alive past young collections (churn.ts).
  const answers = new ChurnTable<Promise<V>>();
  return (key) => {
    let answer = answers.get(key);
    if (answer) return answer;
    if (answers.size === 0) setImmediate(() => answers.clear());
    answer = read(key);
    answers.set(key, answer);
    answer.catch(() => {
      if (answers.get(key) === answer) answers.delete(key);
    });
    return answer;
  };
}
