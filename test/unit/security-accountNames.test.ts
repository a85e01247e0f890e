import { describe, expect, it } from 'vitest';
import { personKey } from '../../electron/core/app/access.js';
import {
  accountNameProblem,
  areConfusable,
  confusableSkeleton,
  normaliseAccountName,
} from '../../electron/core/security/index.js';

describe('normaliseAccountName', () => {
  it('folds compatibility forms and case, and removes what prints as nothing', () => {
    for (const raw of [
      'ａｌｉｃｅ',
      'Alice',
      'ALICE',
      'alice\u200b',
      '\u200dal\u00adice',
      ' alice ',
      'ali\u3164ce',
    ]) {
      expect(normaliseAccountName(raw), raw).toBe('alice');
    }
    expect(normaliseAccountName('Wang\u00a0Li\u2800')).toBe('wangli');
    expect(normaliseAccountName('\ufeffbob\u2060\ufe0f\u0007')).toBe('bob');
    expect(normaliseAccountName('张伟')).toBe('张伟');
    expect(normaliseAccountName('ℌ𝐞𝓁𝓁𝑜')).toBe('hello');
  });

  it('agrees with the four-eyes rule (personKey) on who is who', () => {
    for (const raw of ['ａｌｉｃｅ', 'Alice\u200b', 'Ō\u0304', 'ǅemal', '\u3164', 'Straße', 'ΣΟΦΟΣ']) {
      expect(normaliseAccountName(raw), raw).toBe(personKey(raw));
    }
  });
});

describe('accountNameProblem', () => {
  it('accepts letters of any script, digits and . _ - @', () => {
    for (const name of [
      'alice',
      'Wang.Li',
      'ops_team-2',
      'alice@example.com',
      '张伟',
      'Ñúñez',
      'राम',
      'สมชาย',
      'Nguyễn',
      'ｂｏｂ',
      '٣٤٥x',
      'a',
      'x'.repeat(64),
      '...a',
    ]) {
      expect(accountNameProblem(name), name).toBeNull();
    }
  });

  it('empty: nothing left once invisible characters are removed', () => {
    for (const name of ['', '   ', '\u200b\u200d', '\u3164', '\u2800\u00a0']) {
      expect(accountNameProblem(name), JSON.stringify(name)).toBe('empty');
    }
  });

  it('too_long: more than 64 code points of the normalised name', () => {
    expect(accountNameProblem('x'.repeat(65))).toBe('too_long');
    expect(accountNameProblem('张'.repeat(64))).toBeNull();
    expect(accountNameProblem('𠀀'.repeat(64))).toBeNull();
    expect(accountNameProblem('𠀀'.repeat(65))).toBe('too_long');
    // Invisible characters do not count: the normalised name is 64.
    expect(accountNameProblem('x'.repeat(64) + '\u200b'.repeat(10))).toBeNull();
  });

  it('characters: punctuation, symbols, lone marks, or no letter or digit at all', () => {
    for (const name of [
      'alice!',
      'bob/ops',
      'a+b',
      'a#1',
      "o'neil",
      'alice😀',
      'a|b',
      'a,b',
      '\u0301',
      '\u0301abc',
      '1\u20e3',
      '...',
      '@',
      '-_-',
      '½',
    ]) {
      expect(accountNameProblem(name), name).toBe('characters');
    }
  });
});

describe('confusableSkeleton and areConfusable', () => {
  it('merges Cyrillic and Greek look-alikes with Latin', () => {
    expect(areConfusable('\u0430lice', 'alice')).toBe(true);
    expect(areConfusable('\u0410LICE', 'alice')).toBe(true);
    expect(areConfusable('р\u0430ураl', 'paypal')).toBe(true);
    expect(areConfusable('ѕсотт', 'scott')).toBe(true);
    expect(areConfusable('νіκτοr', 'viktor')).toBe(true);
    expect(areConfusable('χеνіа', 'xevia')).toBe(true);
    expect(areConfusable('οlga', 'olga')).toBe(true);
    expect(areConfusable('ԁаνіԁ', 'david')).toBe(true);
    expect(areConfusable('ԝаng', 'wang')).toBe(true);
    expect(areConfusable('һаrrу', 'harry')).toBe(true);
    expect(areConfusable('Вob', 'bob')).toBe(true);
    expect(areConfusable('օսոհ', 'ounh')).toBe(true);
    expect(areConfusable('ɑɡı', 'agi')).toBe(true);
    expect(areConfusable('ϲаrl', 'carl')).toBe(true);
  });

  it('maps every listed look-alike to its Latin letter', () => {
    const lists = [
      'аa вb еe кk мm нh оo рp сc тt уy хx ѕs іi јj ԁd һh ӏl ԛq ԝw ьb үy ѡw',
      'αa βb γy εe ηn ιi κk μu νv οo ρp τt υu χx ωw ςc ϳj',
      'օo սu ոn հh ıi ɩi ɑa ɡg',
    ];
    for (const list of lists) {
      for (const pair of list.split(' ')) {
        expect(confusableSkeleton(pair[0]!), pair).toBe(confusableSkeleton(pair[1]!));
        expect(confusableSkeleton(`x${pair[0]!}y`), pair).toBe(confusableSkeleton(`x${pair[1]!}y`));
      }
    }
  });

  it('drops accents of Latin, Greek and Cyrillic letters', () => {
    expect(areConfusable('josé', 'jose')).toBe(true);
    expect(areConfusable('Müller', 'muller')).toBe(true);
    expect(areConfusable('nguyễn', 'nguyen')).toBe(true);
    expect(areConfusable('ёлка', 'елка')).toBe(true);
    expect(areConfusable('ї', 'i')).toBe(true);
    expect(areConfusable('ά', 'a')).toBe(true);
    expect(areConfusable('o\u0301\u0302', 'o')).toBe(true);
    expect(areConfusable('7\u0301', '7')).toBe(true);
  });

  it('keeps combining marks that make another name in other scripts', () => {
    expect(areConfusable('かとう', 'がとう')).toBe(false);
    // Devanagari vowel signs u (U+0941) and ai (U+0948) are nonspacing marks, as accents are.
    expect(areConfusable('गुरु', 'गर')).toBe(false);
    expect(areConfusable('कैलाश', 'कलाश')).toBe(false);
  });

  it('merges the Latin and digit shapes that look alike: 0/o, 1/l/i/I/|, rn/m, vv/w, cl/d', () => {
    expect(areConfusable('bob', 'b0b')).toBe(true);
    expect(areConfusable('alice', 'a1ice')).toBe(true);
    expect(areConfusable('alice', 'alIce')).toBe(true);
    expect(areConfusable('alice', 'a|ice')).toBe(true);
    expect(areConfusable('alice', 'aiice')).toBe(true);
    expect(areConfusable('rnary', 'mary')).toBe(true);
    expect(areConfusable('vvang', 'wang')).toBe(true);
    expect(areConfusable('vw', 'vvv')).toBe(true);
    expect(areConfusable('clave', 'dave')).toBe(true);
    expect(confusableSkeleton('Mid.Wood_0-1')).toBe('rnlclvvooclol');
  });

  it('ignores the separators . _ - but not @', () => {
    expect(areConfusable('wang.li', 'wangli')).toBe(true);
    expect(areConfusable('wang_li', 'wang-li')).toBe(true);
    expect(areConfusable('wang@li', 'wangli')).toBe(false);
  });

  it('follows the normalised name: folded, case-blind, invisible characters gone', () => {
    expect(normaliseAccountName('ａｌｉｃｅ')).toBe('alice');
    expect(areConfusable('ａｌｉｃｅ', 'alice')).toBe(true);
    expect(areConfusable('Alice\u200b', 'alice')).toBe(true);
    expect(areConfusable('ΝΙΚΟΣ', 'νικος')).toBe(true);
  });

  it('keeps apart names that differ by a real letter or digit', () => {
    expect(areConfusable('alice2', 'alice')).toBe(false);
    expect(areConfusable('alice', 'alicia')).toBe(false);
    expect(areConfusable('张伟', '张伟')).toBe(true);
    expect(areConfusable('张伟', '张玮')).toBe(false);
    for (const [a, b] of [
      ['zed', 'z2d'],
      ['sam', '5am'],
      ['bob', '8ob'],
      ['gus', '9us'],
      ['bo6', 'bob'],
      ['ruth', 'rvth'],
      ['nan', 'han'],
      ['mary', 'nary'],
      ['wan', 'van'],
      ['dan', 'clan2'],
      ['lee', 'ile'],
    ]) {
      expect(areConfusable(a!, b!), `${a} ${b}`).toBe(false);
    }
  });
});
