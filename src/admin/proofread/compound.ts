/**
 * German compounds and derivations the dictionary does not list, checked before a word is
 * flagged. German makes words freely ("Lindenplatz", "genehmigungsfähig", "verschlanken");
 * Hunspell accepts a compound only when each part carries the dictionary's compounding
 * flags, and igerman98 leaves many ordinary nouns without them ("Linden", "Rathaus"). So
 * a word Hunspell refuses is accepted when it splits into known words by the dictionary's
 * own rules:
 *
 * - the last part is a word Hunspell knows: capitalised for a noun, any word of four or
 *   more letters for a lower-case compound;
 * - the first part is one the dictionary itself lets begin a compound, with its linking
 *   letters (Hunspell accepts it before a neutral probe: "Genehmigungs" + "plan"), or a
 *   short word Hunspell knows in capitals ("Linden", "Rathaus"; not an article,
 *   pronoun or preposition, so "Einestadt" stays a missing space) or a name the site
 *   knows ("Lindenau"), joined without linking letters, or with the "s" German requires
 *   after -ung, -heit, -keit, -schaft, -ion, -tät, -ling, -tum and -sicht. A long first
 *   part that only Hunspell's own compounding makes ("Verteidigungsminis" + "teer") does
 *   not count: that is how a typo in a long compound would slip through;
 *   A longer first part is accepted when the last part has five letters or more;
 * - or the word is a verb or noun made from a known adjective with ver-, be-, ent-, er-
 *   or zer- ("verschlanken", "Verschlankung", "vergünstigtes"), a verb with a separable
 *   particle ("mitentscheiden", "zugeparkte"), a verb stem before a noun ("Mitmachzelt")
 *   or the genitive of an infinitive used as a noun ("des Parkens").
 *
 * A word that is one typical slip away from a word Hunspell knows (a letter doubled or
 * dropped from a double, a letter too many, two letters swapped: "Oberbürgermeisterinn",
 * "Kulturauschuss") is a typo, not a new compound, however it splits. A typo inside a
 * part ("Schwimbad", "Komunalwahl", "Haushaltsdebate") fails anyway: that part is no word.
 *
 * The forms are answered by Hunspell in batches (`compoundForms`, then `nearMisses` of the
 * words that split well), so the rule costs two round trips to the engine for the few
 * words that reach it.
 *
 * @example
 *   const forms = compoundForms('Lindenplatz');            // ['Platz', 'platz', 'Linden', …]
 *   const answers = new Set(forms.filter((f, i) => checked[i]));
 *   isWellFormedCompound('Lindenplatz', (f) => answers.has(f)); // true
 *   nearMisses('Kulturauschuss').some((f) => hunspell.correct(f)); // true: a slip of "Kulturausschuss"
 */
import type { KnownWords } from './types.js';

const MIN_WORD = 7;
const MIN_PART = 3;
/** Neutral last parts any compound-begin form takes in igerman98. */
const PROBES = ['plan', 'zeit'];
/** Noun endings after which German puts an "s" between the parts. */
const NEEDS_S = /(ung|heit|keit|schaft|ion|tät|ling|tum|sicht)$/;
const PREFIXES = ['ver', 'zer', 'ent', 'be', 'er'];
const VERB_ENDINGS = ['en', 't', 'te', 'ten', 'ter', 'tes', 'tem', 'tet', 'st', 'test', 'e', 'end', 'ende', 'enden', 'ender', 'endes', 'ern', 'ert'];
/** Separable particles of German verbs ("mit|entscheiden", "zu|geparkt"). */
const PARTICLES = ['zurück', 'zusammen', 'weiter', 'heraus', 'herein', 'hinaus', 'voran', 'vorbei', 'fest', 'fort', 'nach', 'hinzu', 'mit', 'auf', 'aus', 'ein', 'vor', 'weg', 'los', 'ab', 'an', 'bei', 'zu', 'her', 'hin'];
/** Verb-like endings the rest after a particle must have (a verb or participle, not any word). */
const VERB_FORM = /(en|n|t|te|ten|ter|tes|tem|tet|end|ende|enden|ender|endes|st)$/;
/** The last part after a long first part (see above). */
const LONG_HEAD_TAIL = 5;
const NOUN_ENDINGS = ['ung', 'ungen'];

/** A first part longer than this must be one the dictionary lets begin a compound itself. */
const MAX_PLAIN_HEAD = 10;
/** Words that are never a part of a compound, however they are capitalised ("Lindenaus" is no "Linden" + "Aus"). */
const FUNCTION_WORDS = new Set(
  ('eine einer einem einen eines diese dieser dieses diesem diesen jene jener jenes welche welcher welches ' +
    'über unter nach gegen ohne durch wegen seit statt trotz während zwischen neben hinter vorne oben unten ' +
    'wenn weil dass aber oder denn sondern sowie auch noch schon sehr mehr viel viele alle allem allen aller ' +
    'ihre ihrer ihrem ihren seine seiner seinem seinen unser unsere euer eure mein meine dein deine sich nicht ' +
    'kein keine keiner keinem keinen etwas nichts dort hier heute morgen gestern immer wieder damit dabei ' +
    'aus auf ein mit vor bei von zum zur und ist als wie nur den dem des der die das ich sie wir ihr uns man').split(' '),
);

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const low = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const isCap = (s: string) => /^\p{Lu}/u.test(s);

/**
 * Typical slips: one letter too many, a double letter missing, two neighbours swapped, a
 * lengthening "h" missing ("Gemeinderatswal"). A final "s" is grammar (genitive, plural),
 * not a slip, so dropping it does not count.
 */
export function nearMisses(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    if (!(i === word.length - 1 && word[i] === 's')) out.add(word.slice(0, i) + word.slice(i + 1));
    out.add(word.slice(0, i + 1) + word[i] + word.slice(i + 1));
    out.add(word.slice(0, i + 1) + 'h' + word.slice(i + 1));
    if (i < word.length - 1) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  out.delete(word);
  return [...out].filter((w) => w.length > 1);
}

/** Only plain words of letters are taken apart; hyphenated words are judged by their parts already. */
function candidate(word: string): boolean {
  return word.length >= MIN_WORD && /^\p{L}+$/u.test(word) && !/^\p{Lu}+$/u.test(word);
}

interface Split {
  head: string;
  tail: string;
}

/** The verb after a separable particle: 'mitentscheiden' → ['entscheiden']. */
function particleRests(word: string): string[] {
  if (isCap(word)) return [];
  return PARTICLES.filter((p) => word.startsWith(p) && word.length - p.length >= 4).map((p) => word.slice(p.length)).filter((rest) => VERB_FORM.test(rest));
}

function splits(word: string): Split[] {
  const out: Split[] = [];
  for (let i = MIN_PART; i <= word.length - MIN_PART; i++) out.push({ head: word.slice(0, i), tail: word.slice(i) });
  return out;
}

/** Derivations: prefix + stem + ending, for `verschlanken`, `verschlankt`, `Verschlankung`. */
function derivations(word: string): string[] {
  const noun = isCap(word);
  const w = low(word);
  const stems: string[] = [];
  for (const prefix of PREFIXES) {
    if (!w.startsWith(prefix)) continue;
    const rest = w.slice(prefix.length);
    for (const ending of noun ? NOUN_ENDINGS : VERB_ENDINGS) {
      if (rest.endsWith(ending) && rest.length - ending.length >= 4) stems.push(rest.slice(0, -ending.length));
    }
  }
  return stems;
}

/**
 * Every form `isWellFormedCompound` may ask about, to be checked in one batch.
 *
 * @example
 *   compoundForms('Haus'); // [] (too short to be taken apart)
 */
export function compoundForms(word: string): string[] {
  if (!candidate(word)) return [];
  const forms = new Set<string>();
  for (const { head, tail } of splits(word)) {
    forms.add(cap(tail)).add(low(tail)).add(tail);
    forms.add(cap(head)).add(low(head));
    for (const probe of PROBES) forms.add(cap(head) + probe);
    if (head.endsWith('s')) forms.add(cap(head.slice(0, -1))).add(low(head.slice(0, -1)));
  }
  for (const stem of derivations(word)) forms.add(stem).add(cap(stem));
  for (const { head } of splits(word)) forms.add(`${low(head)}en`).add(`${low(head)}n`);
  for (const rest of particleRests(word)) forms.add(rest);
  if (/ens$/.test(word)) forms.add(low(word.slice(0, -1)));
  return [...forms];
}

/**
 * Whether a word the dictionary refused is a well-formed compound or derivation of known
 * words. `correct` must answer every form `compoundForms(word)` listed.
 */
export function isWellFormedCompound(word: string, correct: (form: string) => boolean, known?: KnownWords): boolean {
  if (!candidate(word)) return false;
  const noun = isCap(word);
  const isNoun = (w: string) => (correct(cap(w)) && !correct(low(w))) || Boolean(known?.has(cap(w)));
  const siteWord = (w: string) => Boolean(known?.has(cap(w)));
  const knownWord = (w: string) => correct(cap(w)) && !FUNCTION_WORDS.has(low(w));
  const plainHead = (w: string, tail: string) =>
    siteWord(w) || (w.length >= 4 && (w.length <= MAX_PLAIN_HEAD || tail.length >= LONG_HEAD_TAIL) && knownWord(w));
  // "Verschlankung", "des Parkens": nouns made from verbs.
  if (noun && word.endsWith('ens') && correct(low(word.slice(0, -1)))) return true;
  for (const { head, tail } of splits(word)) {
    // A noun ends in a word Hunspell takes capitalised ("Platz"; "platz!" is a word too, so no lower-case test).
    const tailOk = !FUNCTION_WORDS.has(low(tail)) && (noun ? correct(cap(tail)) || siteWord(tail) : tail.length >= 4 && correct(tail));
    if (!tailOk) continue;
    // The dictionary's own compounding: this first part, linking letters and all, begins compounds.
    if ((noun || head.length >= 4) && PROBES.some((probe) => correct(cap(head) + probe))) return true;
    // A short word the dictionary knows, or a name the site knows, joined directly …
    if (noun && plainHead(head, tail)) return true;
    // … or with the "s" German requires after these endings …
    const base = head.slice(0, -1);
    if (head.endsWith('s') && NEEDS_S.test(base) && base.length >= 4 && knownWord(base)) return true;
    // … or a verb's stem ("Mitmach" + "zelt", "Warte" + "bereich").
    if (noun && head.length >= 4 && !FUNCTION_WORDS.has(low(head)) && (correct(`${low(head)}en`) || correct(`${low(head)}n`))) return true;
  }
  if (particleRests(word).some((rest) => correct(rest))) return true;
  // A verb or noun made from a known adjective ("schlank" → "verschlanken", "Verschlankung").
  return derivations(word).some((stem) => correct(stem) && !isNoun(stem));
}
