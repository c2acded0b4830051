import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';

/**
 * Normal forms of the values linkage compares, so that the same person or organisation written two
 * ways by two provinces' clerks gives at least one equal form: traditional or simplified characters,
 * variant characters, full-width letters, spacing and middle dots, pinyin in any case or order.
 * Runs on the node that holds the record, before anything is turned into tokens.
 */

let converter: ((text: string) => string) | undefined;
/** Traditional → simplified (OpenCC), built on first use: loading its dictionary takes a while. */
const toSimplified = (text: string) => {
  const convert = (converter ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(text);
};

/**
 * Variant characters (异体字) still met in names that OpenCC's traditional→simplified tables leave
 * alone, mapped to the standard form. Source: 《第一批异体字整理表》 (1955) and appendix 1 of
 * 《通用规范汉字表》 (2013), "规范字与繁体字、异体字对照表", which lists each of these as a variant of
 * the standard character. Characters that the 2013 table restored as standard in their own right (喆,
 * 堃, 淼, 昇 in names) are a different person's name character, not a variant: they are not here, except
 * 昇, which OpenCC already folds to 升 and so is folded consistently everywhere.
 */
export const VARIANT_CHARACTERS: Readonly<Record<string, string>> = {
  峯: '峰',
  綫: '线',
  珎: '珍',
  栢: '柏',
  冨: '富',
  秊: '年',
  煇: '辉',
  甦: '苏',
  劒: '剑',
  菴: '庵',
  勅: '敕',
  跡: '迹',
};
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANT_CHARACTERS).join('')}]`, 'gu');

const HAN = /\p{Script=Han}/u;
/** Spaces, middle dots (minority and foreign names: 阿依古丽·买买提), dots, hyphens, apostrophes. */
const SEPARATORS = /[\s·•・‧.\-_'’‘]+/gu;

function fold(text: string): string {
  return text.normalize('NFKC').replace(SEPARATORS, ' ').trim();
}

/** Simplified characters with variants folded: the character form of a Chinese name or organisation. */
function simplified(text: string): string {
  return toSimplified(text).replace(VARIANT_RE, (c: string) => VARIANT_CHARACTERS[c] ?? c);
}

/** Latin letters only, lower-case, no diacritics (ü written v, as pinyin input methods do). */
function latin(word: string): string {
  return word
    .toLowerCase()
    .replace(/ü/g, 'v')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

/** The forms of a name: `chars` (characters, when written in characters) and `pinyin` (toneless, no spaces). */
export interface NameForms {
  chars: string[];
  pinyin: string[];
}

const nameCache = new Map<string, NameForms>();

/**
 * The normal forms of a person's name. 張偉, 张 伟 and ＺＨＡＮＧ ｗｅｉ share a form with 张伟:
 * characters are folded to simplified standard characters and give the pinyin read with surname
 * readings for the first character (单 shan, 曾 zeng); a name written in Latin letters is lower-cased
 * with spaces removed, in the order given and, for two or more words, with the last word first too
 * ("Wei Zhang" is also zhangwei). Memoised: names repeat, and pinyin is the costly step.
 */
export function nameForms(name: string): NameForms {
  const cached = nameCache.get(name);
  if (cached) return cached;
  const text = fold(name);
  let forms: NameForms;
  if (HAN.test(text)) {
    const chars = simplified(text.replace(/ /g, ''));
    const py = pinyin(chars, { toneType: 'none', surname: 'head', type: 'array', v: true }).map(latin).join('');
    forms = { chars: [chars], pinyin: py ? [py] : [] };
  } else {
    const words = text.split(' ').map(latin).filter(Boolean);
    const joined = words.join('');
    const pys = joined ? [joined] : [];
    if (words.length >= 2) {
      const rotated = (words.at(-1) as string) + words.slice(0, -1).join('');
      if (rotated !== joined) pys.push(rotated);
    }
    forms = { chars: [], pinyin: pys };
  }
  if (nameCache.size > 200_000) nameCache.clear();
  nameCache.set(name, forms);
  return forms;
}

/** Legal forms and group words that a renamed organisation gains or loses (longest first). */
const LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '集团', '股份', '公司'];
/** Punctuation and brackets: （集团） and (集团) read as 集团. */
const PUNCTUATION = /[\s·•・‧.,，、()（）[\]【】《》"“”'‘’\-_&/]+/gu;

/** An organisation's normal form: `core` without legal form, and its distinctive character pairs. */
export interface OrganisationForms {
  core: string;
  /** Character bigrams of the core (words for a Latin name): a renamed organisation keeps most of them. */
  words: string[];
}

const orgCache = new Map<string, OrganisationForms>();

/**
 * The normal form of an organisation name: NFKC, simplified characters, punctuation removed, legal
 * suffixes stripped (重庆瑞鑫矿业有限公司 and 重庆瑞鑫矿业集团股份有限公司 share the core 重庆瑞鑫矿业),
 * and the core's character bigrams, so that 贵州理工学院 renamed 贵州理工大学 still shares 贵州, 州理, 理工.
 */
export function organisationForms(name: string): OrganisationForms {
  const cached = orgCache.get(name);
  if (cached) return cached;
  let core = simplified(name.normalize('NFKC')).replace(PUNCTUATION, '');
  if (!HAN.test(core)) core = core.toLowerCase();
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (core.endsWith(suffix) && core.length > suffix.length + 1) {
        core = core.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  const words = new Set<string>();
  if (HAN.test(core)) {
    const chars = [...core];
    for (let i = 0; i + 1 < chars.length; i++) words.add(`${chars[i]}${chars[i + 1]}`);
  } else {
    for (const w of name.toLowerCase().split(PUNCTUATION)) if (w.length > 2) words.add(w);
  }
  const forms = { core, words: [...words] };
  if (orgCache.size > 200_000) orgCache.clear();
  orgCache.set(name, forms);
  return forms;
}
