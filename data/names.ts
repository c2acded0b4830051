import { Faker, base, en, zh_CN } from '@faker-js/faker';
import { GIVEN_NAME_CHARS } from './vocabulary.ts';

/**
 * Seeded, per-call lookup pools: faker supplies the name material, sfc32 picks from it.
 * `older` serves people born before 1985, `younger` the rest.
 */
export interface NamePools {
  given: Readonly<Record<'MALE' | 'FEMALE', { older: readonly string[]; younger: readonly string[] }>>;
  brands: readonly string[];
}

/** Characters for company brand words (恒信, 瑞丰, 华创 ...). */
const BRAND_CHARS = '华信恒泰瑞丰金穗天成兴宏达永和博远润新航众诚德锦长青通晟源鑫科创中嘉盛安益联同康富海云智汇力'.split('');

/** The name material for one seed: the same seed always gives the same lists. */
export function buildFakerPools(seed: number): NamePools {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(seed);
  const composed = (chars: readonly string[]): string => {
    // Mostly two characters, some one (common among people born 1955-2000).
    const first = faker.helpers.arrayElement(chars);
    return faker.datatype.boolean(0.15) ? first : first + faker.helpers.arrayElement(chars);
  };
  const gendered = (sex: 'male' | 'female', chars: readonly string[]) => {
    // faker's zh_CN first names are fashionable for children born after 2010, so they only
    // season the younger pool; the older pool is composed from era-typical characters.
    const list = faker.definitions.person.first_name?.[sex] ?? [];
    const older = Array.from({ length: 500 }, () => composed(chars));
    const younger = Array.from({ length: 500 }, (_, i) => (i % 3 === 0 && list.length > 0 ? faker.helpers.arrayElement(list) : composed(chars)));
    return { older, younger };
  };
  const given = { MALE: gendered('male', GIVEN_NAME_CHARS.MALE), FEMALE: gendered('female', GIVEN_NAME_CHARS.FEMALE) };
  // Company "brand" words, two characters, as in faker's zh_CN company names ({{city}}{{firstName}}{{category}}).
  const maleNames = (faker.definitions.person.first_name?.male ?? []).filter((n) => n.length === 2);
  const brands = Array.from({ length: 300 }, (_, i) =>
    i % 2 === 0 && maleNames.length > 0 ? faker.helpers.arrayElement(maleNames) : faker.helpers.arrayElement(BRAND_CHARS) + faker.helpers.arrayElement(BRAND_CHARS),
  );
  return { given, brands };
}
