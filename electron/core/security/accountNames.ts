/**
 * Account names: one normal form to store and compare, the characters a name may hold, and a look-alike
 * skeleton so that a second account cannot pass for an existing one (`аlice` with a Cyrillic а, `rnary`).
 */

/**
 * Characters that print as nothing, as personKey (app/access.ts) removes them: format and control characters,
 * spaces, everything Unicode says to ignore when it cannot be shown, and the blank Braille pattern.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Z}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** The name as stored and compared: `ａｌｉｃｅ`, `Alice` and `alice\u200b` are all `alice`. */
export function normaliseAccountName(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
}

export type AccountNameProblem = 'empty' | 'too_long' | 'characters';

const MAX_LENGTH = 64;
// Letters (each with its combining marks: Hindi, Thai and Vietnamese names need them), digits, and . _ - @.
const ALLOWED = /^(?:\p{L}\p{M}*|\p{Nd}|[._@-])+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

/**
 * Why a name cannot be an account name, or null. Judged on the normalised name, length in code points. A name
 * of separators only (`...`, `@`) names nobody and counts as `characters`.
 */
export function accountNameProblem(raw: string): AccountNameProblem | null {
  const name = normaliseAccountName(raw);
  if (name === '') return 'empty';
  if ([...name].length > MAX_LENGTH) return 'too_long';
  if (!ALLOWED.test(name) || !LETTER_OR_DIGIT.test(name)) return 'characters';
  return null;
}

/*
 * The skeleton, in the spirit of Unicode UTS #39 (confusables.txt), kept conservative: it only merges what
 * looks the same in the console's sans-serif font, never letters people use to tell names apart.
 *
 * - Cyrillic, Greek and Armenian letters drawn like a Latin letter become that letter. Names are lower-cased
 *   first, so each maps after its small form; where the capital looks like another letter than the small one
 *   (Greek Η Ν Υ Μ look like H N Y M, η ν υ μ like n v u u), the small form wins and the capital is not caught.
 * - Accents are dropped from Latin, Greek and Cyrillic letters (é → e, й → и, ё → е) and from digits; not
 *   elsewhere, where a combining mark is a different name: Japanese か/が, Hindi vowel signs.
 * - Latin and digits: 0 → o; 1, i, I and | → l; and, as UTS #39 does, m → rn, w → vv, d → cl. Expanding
 *   (rather than contracting rn → m) gives `vw` and `vvv` the same skeleton.
 * - Not merged: 5/s, 2/z, 8/b, 6/b, 9/g, u/v, n/h: distinct enough on screen, and names differ by them.
 * - The separators . _ - are dropped: `wang.li` and `wangli` read as one name. @ stays.
 */
const LOOKALIKES = new Map(
  [
    // Cyrillic
    'аa вb еe кk мm нh оo рp сc тt уy хx ѕs іi јj ԁd һh ӏl ԛq ԝw ьb үy ѡw',
    // Greek (ς: NFKC turns the lunate sigma ϲ, drawn as c, into it)
    'αa βb γy εe ηn ιi κk μu νv οo ρp τt υu χx ωw ςc ϳj',
    // Armenian, and Latin letters that are other letters' shapes
    'օo սu ոn հh ıi ɩi ɑa ɡg',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => [pair[0]!, pair[1]!] as const),
);
const ACCENTED = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}])\p{Mn}+/gu;
const LOOKALIKE = new RegExp(`[${[...LOOKALIKES.keys()].join('')}]`, 'gu');
const LATIN_GROUPS: readonly (readonly [RegExp, string])[] = [
  [/0/g, 'o'],
  [/[1i|]/g, 'l'],
  [/m/g, 'rn'],
  [/w/g, 'vv'],
  [/d/g, 'cl'],
  [/[._-]/g, ''],
];

export function confusableSkeleton(name: string): string {
  let skeleton = normaliseAccountName(name)
    .normalize('NFD')
    .replace(ACCENTED, '$1')
    .replace(LOOKALIKE, (char) => LOOKALIKES.get(char)!);
  for (const [pattern, replacement] of LATIN_GROUPS) skeleton = skeleton.replace(pattern, replacement);
  return skeleton;
}

/** Whether two names would pass for one another on screen (identical names included). */
export function areConfusable(a: string, b: string): boolean {
  return confusableSkeleton(a) === confusableSkeleton(b);
}
