import { describe, expect, it } from 'vitest';
import { inNamespace, namespaceOf, PartnerName, RESERVED_NAMES, SubgraphUrl } from '../../../gateway/registry/model.ts';

describe('the partner namespace convention', () => {
  it('derives the type and field prefixes from the name', () => {
    expect(namespaceOf('hainan')).toEqual({ typePrefix: 'Hainan', fieldPrefix: 'hainan' });
    expect(inNamespace('HainanServiceRecord', 'Hainan')).toBe(true);
    expect(inNamespace('Hainan', 'Hainan')).toBe(true);
    expect(inNamespace('Hainan2', 'Hainan')).toBe(true);
    expect(inNamespace('Hainanese', 'Hainan')).toBe(false);
    expect(inNamespace('hainanServiceRecords', 'hainan')).toBe(true);
    expect(inNamespace('serviceRecords', 'hainan')).toBe(false);
  });
});

describe('partner names and URLs', () => {
  it('accepts 3-30 lower-case letters and digits starting with a letter, and nothing else', () => {
    for (const name of ['hainan', 'gx2', 'a'.repeat(30)]) expect(PartnerName.safeParse(name).success, name).toBe(true);
    for (const name of ['hn', 'Hainan', 'hai-nan', 'hai_nan', '2hainan', 'a'.repeat(31)]) expect(PartnerName.safeParse(name).success, name).toBe(false);
  });

  it('reserves the core subgraph names and the words the graph itself uses', () => {
    for (const name of ['experts', 'projects', 'coordination', 'hub', 'federation', 'talent']) expect(RESERVED_NAMES.has(name), name).toBe(true);
    expect(RESERVED_NAMES.has('hainan')).toBe(false);
  });

  it('accepts http(s) URLs without credentials or fragment', () => {
    expect(SubgraphUrl.safeParse('http://127.0.0.1:4100/graphql').success).toBe(true);
    for (const url of ['ftp://x/graphql', 'http://user:pw@x/graphql', 'http://x/graphql#top', 'not a url']) expect(SubgraphUrl.safeParse(url).success, url).toBe(false);
  });
});
