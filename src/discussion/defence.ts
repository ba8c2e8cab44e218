/**
 * The spam gate of the discussion: form checks (honeypot, signed form stamp) and the screen
 * a comment passes before it is stored (links, classifier). Rate limits are platform's
 * (`platform/ratelimit.ts`); the post operation applies both. The classifier starts from our labelled corpus
 * and learns from every moderator's approve/spam decision.
 *
 * @example
 *   const defence = createDefence({ handle, secret, settings });
 *   const reasons = defence.checkForm({ honeypot: form.website, stamp: form.stamp });
 */
import type { DatabaseHandle } from '../platform/db/index.js';
import type { CommentRow } from '../platform/db/schema.js';
import type { SettingsService } from '../platform/settings.js';
import { AppError } from '../platform/errors.js';
import { checkClassifier, checkFormStamp, checkHoneypot, checkLinks, combine, formStamp } from './spam/rules.js';
import { SpamClassifier } from './spam/bayes.js';
import { createSpamStore } from './spam/store.js';
import { SPAM_CORPUS } from './spam/corpus.js';
import type { Screen, ScreenVerdict } from './service.js';

const MODEL_ID = 'comments';

export function createDefence(deps: {
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>;
  secret: string;
  settings: Pick<SettingsService, 'get'>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const store = createSpamStore(deps.handle);
  let model: Promise<{ classifier: SpamClassifier; updatedAt: string | null }> | null = null;

  function loadModel() {
    model ??= store.loadModel(MODEL_ID).then((stored) => {
      if (stored) return { classifier: stored.model, updatedAt: stored.updatedAt };
      // A new site starts with what our own labelled corpus teaches.
      const classifier = new SpamClassifier();
      for (const sample of SPAM_CORPUS) classifier.train(sample.label, sample.text);
      return { classifier, updatedAt: null };
    });
    return model;
  }

  const screen: Screen = async (input) => {
    const policy = await deps.settings.get('discussion');
    const { classifier } = await loadModel();
    return combine(checkLinks(input.links, { maxLinks: policy.maxLinks }), checkClassifier(classifier.score(input.body)));
  };

  return {
    screen,

    formStamp(): string {
      return formStamp(deps.secret, now());
    },

    /**
     * Honeypot and form stamp of a plain-HTML form: a sure bot is refused, anything doubtful
     * (sent too fast) is answered with reasons that hold the comment.
     */
    checkForm(form: { honeypot: string | undefined; stamp: string | undefined }): ScreenVerdict['reasons'] {
      const verdict = combine(checkHoneypot(form.honeypot), checkFormStamp(deps.secret, form.stamp, now()));
      if (verdict.action === 'reject') {
        throw new AppError('COMMENT_SPAM', { field: 'body', detail: verdict.reasons.map((r) => r.code).join(',') });
      }
      return verdict.reasons;
    },

    /** A moderator's decision teaches the classifier (saved for all nodes). */
    async learn(row: Pick<CommentRow, 'body'>, label: 'spam' | 'ham'): Promise<void> {
      if (!row.body) return;
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await loadModel();
        current.classifier.train(label, row.body);
        const saved = await store.saveModel(MODEL_ID, current.classifier, current.updatedAt, now());
        if (saved) {
          current.updatedAt = saved;
          return;
        }
        model = null; // someone else saved: reload and apply again
      }
    },
  };
}

export type Defence = ReturnType<typeof createDefence>;
