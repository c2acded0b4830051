import { describe, expect, it } from 'vitest';
import { envExampleEntries, readRepoFile, SERVICE_SETTINGS, settingField } from './settings.ts';

const entries = envExampleEntries(readRepoFile('.env.example'));

describe('.env.example', () => {
  it('lists every setting the services read, once, and nothing else', () => {
    const names = entries.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => !SERVICE_SETTINGS.has(n)).sort()).toEqual([]);
    expect([...SERVICE_SETTINGS].filter((n) => !names.includes(n)).sort()).toEqual([]);
  });

  it('says what each one means and its default', () => {
    for (const e of entries) {
      expect(e.comment, e.name).toMatch(/Default: \S/);
      // The meaning: words before the default, not the default alone.
      expect(e.comment.slice(0, e.comment.indexOf('Default:')).trim().length, e.name).toBeGreaterThan(10);
    }
  });

  it('shows each default as the value the service uses when it is unset, and sets only values the service accepts', () => {
    for (const e of entries) {
      if (e.value === '') continue;
      const field = settingField(e.name)!;
      const given = field.safeParse(e.value);
      expect(given.success, `${e.name}=${e.value}`).toBe(true);
      // `#NAME=value`: uncommenting changes nothing, the value is the default.
      if (e.commented) expect(given.data, e.name).toEqual(field.safeParse(undefined).data);
    }
  });
});
