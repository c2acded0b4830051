import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { DataDirError, DURABLE_FORMAT_VERSION, decodeDocument, encodeDocument, openDurableFile } from '../../store/durable.ts';
import type { DatabasePort } from '../../store/port.ts';
import { resolveEntry } from '../../scripts/lib/processes.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * The durable embedded store: what it acknowledged is there after a reopen and after a kill -9,
 * a failed write leaves nothing in memory or on disk, Dates come back as Dates, and a data
 * directory it must not use stops it with a message and is left untouched.
 */
interface Doc {
  _id: string;
  region: string;
  tags: string[];
  n: number;
  at?: Date;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
// The child processes' store: compiled when the run compiled the hub (npm test: test/setup/compiled.ts),
// a third of tsx's start-up CPU; store/embedded.ts through tsx otherwise (npm run test:unit).
const STORE = resolveEntry('store/embedded.ts');
const STORE_MODULE = JSON.stringify(STORE.loader.length > 0 ? './store/embedded.ts' : STORE.file);
const opened: DatabasePort[] = [];
const temp = tempDirs();
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  temp.remove();
});

function tempFile(): string {
  return join(temp.make('hub-durable-'), 'test.sqlite');
}

async function open(file: string): Promise<DatabasePort> {
  const db = createEmbeddedDatabase({ file });
  opened.push(db);
  await db.collection<Doc>('docs').createIndex({ region: 1 });
  await db.collection<Doc>('docs').createIndex({ tags: 1 });
  return db;
}

async function reopen(db: DatabasePort, file: string): Promise<DatabasePort> {
  await db.close();
  return open(file);
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const doc = (i: number, extra: Partial<Doc> & { big?: string } = {}): Doc => ({
  _id: `D${String(i).padStart(3, '0')}`,
  region: i % 2 ? '500000' : '510000',
  tags: i % 3 ? ['industry'] : ['agri'],
  n: i,
  ...extra,
});

describe('durable embedded store', () => {
  it('sees every acknowledged write after a reopen, with its indexes rebuilt and Dates as Dates', async () => {
    const file = tempFile();
    let db = await open(file);
    const c = db.collection<Doc>('docs');
    await c.bulkWrite(Array.from({ length: 20 }, (_, i) => ({ insertOne: { document: doc(i, { at: new Date(Date.UTC(2026, 0, 1 + i, 8, 30, 15, 123)) }) } })));
    await c.updateOne({ _id: 'D001' }, { $set: { region: '110000' }, $addToSet: { tags: 'agri' } });
    await c.updateOne({ _id: 'NEW' }, { $set: { n: 99 }, $setOnInsert: { region: '120000', tags: [] } }, { upsert: true });
    await c.deleteOne({ _id: 'D002' });
    await c.deleteMany({ n: { $gte: 15, $lt: 99 } });
    await db.collection<{ _id: string; nested: { when: Date; list: Date[] } }>('other').insertOne({ _id: 'x', nested: { when: new Date(0), list: [new Date(1)] } });
    const before = await c.find({}, { sort: { _id: 1 } }).toArray();

    db = await reopen(db, file);
    const again = db.collection<Doc>('docs');
    expect(await again.find({}, { sort: { _id: 1 } }).toArray()).toEqual(before);
    expect(await again.countDocuments({ region: '110000' })).toBe(1);
    expect(await again.countDocuments({ tags: 'agri' })).toBe(before.filter((d) => d.tags.includes('agri')).length);
    const [d3] = await again.find({ _id: 'D003' }).toArray();
    expect(d3?.at).toBeInstanceOf(Date);
    expect(d3?.at?.toISOString()).toBe('2026-01-04T08:30:15.123Z');
    const [other] = await db.collection<{ _id: string; nested: { when: Date; list: Date[] } }>('other').find({ _id: 'x' }).toArray();
    expect(other?.nested.when).toEqual(new Date(0));
    expect(other?.nested.list[0]).toBeInstanceOf(Date);
    expect(await db.listCollections()).toEqual(['docs', 'other']);
  });

  it('applies nothing of a bulkWrite that fails half-way, in memory or on disk', async () => {
    const file = tempFile();
    let db = await open(file);
    const c = db.collection<Doc>('docs');
    await c.insertOne(doc(1));
    await expect(
      c.bulkWrite([
        { insertOne: { document: doc(2) } },
        { updateOne: { filter: { _id: 'D001' }, update: { $set: { region: '999999' } } } },
        { insertOne: { document: doc(1) } }, // duplicate key: the whole bulkWrite fails
        { insertOne: { document: doc(3) } },
      ]),
    ).rejects.toMatchObject({ code: 11000 });
    const check = async (d: DatabasePort) => {
      const col = d.collection<Doc>('docs');
      expect((await col.find({}).toArray()).map((x) => x._id)).toEqual(['D001']);
      expect(await col.countDocuments({ region: '999999' })).toBe(0);
      expect(await col.countDocuments({ region: '500000' })).toBe(1);
    };
    await check(db);
    db = await reopen(db, file);
    await check(db);
  });

  it('undoes a write in memory when the disk refuses it (SQLITE_FULL), and keeps serving', async () => {
    const file = tempFile();
    let db = await open(file);
    const c = db.collection<Doc>('docs');
    await c.insertOne(doc(1));
    // The real failure path of a full disk: cap the file at its current size.
    const sqlite = new Database(file);
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.close();
    await db.close();
    const full = openDurableFile(file);
    full.sqlite.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(200_000);
    const { EmbeddedCollection } = await import('../../store/embedded.ts');
    const col = new EmbeddedCollection<Doc & { big?: string }>('docs', { journal: full.journal, initial: full.collections.get('docs') ?? [] });
    await col.createIndex({ region: 1 });
    await expect(
      col.bulkWrite([{ insertOne: { document: doc(2, { big }) } }, { updateOne: { filter: { _id: 'D001' }, update: { $set: { region: '999999' } } } }]),
    ).rejects.toMatchObject({
      code: 'SQLITE_FULL',
    });
    expect((await col.find({}).toArray()).map((d) => [d._id, d.region])).toEqual([['D001', '500000']]);
    expect(await col.countDocuments({ region: '999999' })).toBe(0);
    await col.insertOne(doc(3)); // small enough to fit: the store goes on
    full.close();
    db = await open(file);
    expect(
      (
        await db
          .collection<Doc>('docs')
          .find({}, { sort: { _id: 1 } })
          .toArray()
      ).map((d) => d._id),
    ).toEqual(['D001', 'D003']);
  });

  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const file = tempFile();
    const writer = `
      import { createEmbeddedDatabase } from ${STORE_MODULE};
      const db = createEmbeddedDatabase({ file: ${JSON.stringify(file)} });
      const c = db.collection('docs');
      for (let i = 0; ; i++) {
        await c.bulkWrite([{ insertOne: { document: { _id: 'A' + String(i).padStart(6, '0'), i, at: new Date(i) } } }, { insertOne: { document: { _id: 'B' + String(i).padStart(6, '0'), i } } }]);
        process.stdout.write('ack ' + i + '\\n');
      }`;
    const child = spawn(process.execPath, [...STORE.loader, '--input-type=module', '-e', writer], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/ack /g) ?? []).length >= 200) resolve();
      });
      child.once('exit', () => reject(new Error(`writer exited early: ${err}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const acked = [...out.matchAll(/ack (\d+)\n/g)].map((m) => Number(m[1]));
    const last = Math.max(...acked);
    const db = await open(file); // takes over the dead writer's lock
    const c = db.collection<{ _id: string; i: number; at?: Date }>('docs');
    const found = await c.find({ _id: { $in: acked.flatMap((i) => [`A${String(i).padStart(6, '0')}`, `B${String(i).padStart(6, '0')}`]) } }).toArray();
    expect(found.length).toBe(acked.length * 2);
    // The one write in flight at the kill is all there or not at all: never an A without its B.
    const all = await c.find({}).toArray();
    const as = all.filter((d) => d._id.startsWith('A')).length;
    expect(all.length).toBe(as * 2);
    expect(as === last + 1 || as === last + 2).toBe(true);
    expect((await c.find({ _id: 'A000007' }).toArray())[0]?.at).toEqual(new Date(7));
  });
});

describe('data files the store must not use', () => {
  it('refuses a data directory it cannot write, with a message saying which and what to do', () => {
    const dir = temp.make('hub-durable-');
    writeFileSync(join(dir, 'plain-file'), 'x');
    const attempt = () => createEmbeddedDatabase({ file: join(dir, 'plain-file', 'experts.sqlite') });
    expect(attempt).toThrow(DataDirError);
    expect(attempt).toThrow(/data directory .*plain-file is not writable .*HUB_DATA_DIR/);
  });

  it('refuses a corrupt file, a file that is not ours and a newer format, and changes none of them', async () => {
    const garbage = tempFile();
    writeFileSync(garbage, Buffer.from('this is not a database at all, just text '.repeat(200)));
    const halfSqlite = tempFile();
    writeFileSync(halfSqlite, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(8192, 0xab)]));
    const foreign = tempFile();
    const other = new Database(foreign);
    other.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)');
    other.close();
    const newer = tempFile();
    const ours = await open(newer);
    await ours.collection<{ _id: string }>('docs').insertOne({ _id: 'kept' });
    await ours.close();
    const bump = new Database(newer);
    bump.pragma(`user_version = ${DURABLE_FORMAT_VERSION + 1}`);
    bump.close();
    const badRow = tempFile();
    const rowDb = await open(badRow);
    await rowDb.collection<{ _id: string; n: number }>('docs').insertOne({ _id: 'r1', n: 1 });
    await rowDb.close();
    const patch = new Database(badRow);
    patch.prepare("UPDATE docs SET body = x'ff0d2a' WHERE id = 'r1'").run();
    patch.close();

    const cases: [string, RegExp][] = [
      [garbage, /corrupt or not a hub data file \(it is not a SQLite database\).*restore it from a backup/],
      [halfSqlite, /corrupt or not a hub data file/],
      [foreign, /corrupt or not a hub data file \(it is a SQLite database of something else\)/],
      [newer, new RegExp(`newer version of the hub \\(format ${DURABLE_FORMAT_VERSION + 1}; this version reads up to ${DURABLE_FORMAT_VERSION}\\)`)],
      [badRow, /corrupt or not a hub data file/],
    ];
    for (const [file, message] of cases) {
      const hash = sha256(file);
      expect(() => createEmbeddedDatabase({ file }), file).toThrow(message);
      expect(sha256(file), file).toBe(hash);
      expect(existsSync(`${file}.lock`), file).toBe(false);
    }
  });

  it('refuses a data file another live process is writing', async () => {
    const file = tempFile();
    const child = spawn(
      process.execPath,
      [
        ...STORE.loader,
        '--input-type=module',
        '-e',
        `import { createEmbeddedDatabase } from ${STORE_MODULE}; createEmbeddedDatabase({ file: ${JSON.stringify(file)} }); console.log('open'); setInterval(() => {}, 1000);`,
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    try {
      expect(() => createEmbeddedDatabase({ file })).toThrow(new RegExp(`in use by process ${child.pid}.*Stop that process first`));
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const db = await open(file); // the lock of a dead process is taken over
    expect(await db.listCollections()).toEqual([]);
  });
});

describe('a document as stored', () => {
  it('tags every Date at any depth as { $date: ms }, leaves the document as it was, and reads back the same', () => {
    const doc = {
      _id: 'x',
      at: new Date(5),
      nested: { when: new Date(6), list: [1, new Date(7), { d: new Date(8) }] },
      plain: { a: [1, 2] },
      none: null,
    };
    const before = structuredClone(doc);
    const text = encodeDocument(doc);
    expect(text).toBe('{"_id":"x","at":{"$date":5},"nested":{"when":{"$date":6},"list":[1,{"$date":7},{"d":{"$date":8}}]},"plain":{"a":[1,2]},"none":null}');
    expect(doc).toEqual(before);
    expect(doc.nested.list[1]).toBeInstanceOf(Date);
    expect(decodeDocument(text)).toEqual(doc);
  });
});
