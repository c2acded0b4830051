import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../platform/audit/chain.ts';
import { exportDatabases, importDatabases, readExport } from '../../store/data-transfer.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import type { DatabasePort } from '../../store/port.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * Export and import through the store port: documents come back verbatim (Dates, nesting, the
 * audit chain verifies), and an export that is incomplete, altered or from a newer version is
 * refused before anything is written.
 */
async function source(): Promise<DatabasePort> {
  const db = createEmbeddedDatabase();
  await db.collection<{ _id: string; at: Date; tags: string[]; nested: { n: number; when: Date | null } }>('things').bulkWrite(
    Array.from({ length: 25 }, (_, i) => ({
      insertOne: {
        document: {
          _id: `X${String(i).padStart(3, '0')}`,
          at: new Date(Date.UTC(2026, 0, 1, 0, 0, i, 7)),
          tags: ['甲', 'b'],
          nested: { n: i / 3, when: i % 2 ? null : new Date(i) },
        },
      },
    })),
  );
  const audit = await AuditLog.open(db, { subgraph: 'experts' });
  for (let i = 0; i < 5; i++) {
    await audit.append({ sub: 'test', region: '510000', purpose: null }, 'op', [
      { action: 'WRITE', entityType: 'Talent', entityId: `T${i}`, talentId: `T${i}`, talentHome: '510000', fields: ['name'] },
    ]);
  }
  return db;
}

const temp = tempDirs();
afterAll(() => temp.remove());
const tempDir = () => join(temp.make('hub-transfer-'), 'export');

describe('data export and import', () => {
  it('round-trips documents verbatim, and the audit chain verifies on the copy', async () => {
    const db = await source();
    const dir = tempDir();
    const manifest = await exportDatabases(new Map([['experts', db]]), dir, 'embedded');
    expect(manifest.databases.experts?.collections.things?.documents).toBe(25);
    const copy = createEmbeddedDatabase();
    expect(await importDatabases(dir, async () => copy)).toEqual({ experts: { audit_events: 5, things: 25 } });
    for (const name of ['things', 'audit_events']) {
      expect(
        await copy
          .collection(name)
          .find({}, { sort: { _id: 1 } })
          .toArray(),
      ).toEqual(
        await db
          .collection(name)
          .find({}, { sort: { _id: 1 } })
          .toArray(),
      );
    }
    const [first] = await copy.collection<{ _id: string; at: Date; nested: { when: Date | null } }>('things').find({ _id: 'X000' }).toArray();
    expect(first?.at).toBeInstanceOf(Date);
    expect(first?.nested.when).toEqual(new Date(0));
    const report = await (await AuditLog.open(copy, { subgraph: 'experts' })).verify();
    expect(report).toMatchObject({ intact: true, events: 5 });
    // Exporting into a directory that holds an export already would overwrite a backup: refused.
    await expect(exportDatabases(new Map([['experts', db]]), dir, 'embedded')).rejects.toThrow(/is not empty/);
  });

  it('refuses an incomplete, altered, recounted or newer export before writing anything', async () => {
    const db = await source();
    const dir = tempDir();
    await exportDatabases(new Map([['experts', db]]), dir, 'embedded');
    const manifestFile = join(dir, 'manifest.json');
    const manifestText = readFileSync(manifestFile, 'utf8');
    const thingsFile = join(dir, 'experts', 'things.jsonl');
    const thingsText = readFileSync(thingsFile, 'utf8');
    const target = createEmbeddedDatabase();
    const attempt = () => importDatabases(dir, async () => target);
    const cases: [() => void, RegExp][] = [
      [() => rmSync(manifestFile), /no readable manifest\.json .*not a complete export/],
      [() => writeFileSync(thingsFile, thingsText.replace('"甲"', '"乙"')), /experts\/things\.jsonl does not match its sha256/],
      [() => rmSync(thingsFile), /experts\/things\.jsonl, listed in the manifest, is missing/],
      [() => writeFileSync(manifestFile, manifestText.replace('"documents": 25', '"documents": 24')), /things\.jsonl holds 25 documents, the manifest says 24/],
      [() => writeFileSync(manifestFile, manifestText.replace('"version": 1', '"version": 2')), /newer version of the hub \(export format 2; this version reads up to 1\)/],
      [() => writeFileSync(manifestFile, manifestText.replace('"format": "talent-hub-export"', '"format": "something-else"')), /not a hub export manifest/],
    ];
    for (const [damage, message] of cases) {
      writeFileSync(manifestFile, manifestText);
      writeFileSync(thingsFile, thingsText);
      expect(() => readExport(dir)).not.toThrow();
      damage();
      await expect(attempt()).rejects.toThrow(message);
      expect(await target.listCollections()).toEqual([]);
    }
  });

  it('refuses a store that holds data unless told to replace it', async () => {
    const db = await source();
    const dir = tempDir();
    await exportDatabases(new Map([['experts', db]]), dir, 'embedded');
    const target = createEmbeddedDatabase();
    await target.collection<{ _id: string }>('mine').insertOne({ _id: 'keep-me' });
    await expect(importDatabases(dir, async () => target)).rejects.toThrow(/already holds data \(mine\).*--replace/);
    expect(await target.listCollections()).toEqual(['mine']);
    await importDatabases(dir, async () => target, { replace: true });
    expect(await target.listCollections()).toEqual(['audit_events', 'things']);
  });
});
