import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { type Probe, runLoad } from '../../bench/lib/load.ts';

// Synthetic answers: a name in Chinese repeated past one TCP read, so multi-byte characters fall across chunks.
const answerFor = (id: number) => JSON.stringify({ data: { talent: { id: String(id), bio: '张三丰研究员'.repeat(20_000 + id) } } });

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Answers each POST with the answer for the body's `id`; every `wrongEvery`-th answer of an id carries a wrong name instead. */
async function serve(wrongEvery: number): Promise<{ url: string; served: Map<number, number> }> {
  const served = new Map<number, number>();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: number }).id;
      const n = (served.get(id) ?? 0) + 1;
      served.set(id, n);
      const text = n % wrongEvery === 0 ? answerFor(id).replace('张三丰', '李四光') : answerFor(id);
      const bytes = Buffer.from(text, 'utf8');
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      // Written in two parts cut inside a three-byte character.
      res.write(bytes.subarray(0, 40_001));
      res.end(bytes.subarray(40_001));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/graphql`, served };
}

it('checks every answer: byte-identical repeats of an accepted answer pass, a wrong one fails even after its request was answered right', async () => {
  const { url, served } = await serve(5);
  const ids = [1, 2, 3];
  let i = 0;
  const probe = (): Probe => {
    const id = ids[i++ % ids.length]!;
    return { body: JSON.stringify({ id }), check: (text) => text === answerFor(id) };
  };
  const result = await runLoad({ url, probe, connections: 3, durationS: 1 });
  const answered = [...served.values()].reduce((a, b) => a + b, 0);
  // Every fifth answer of each id was wrong: the first four of each were accepted before it came.
  expect(answered).toBeGreaterThan(30);
  const wrongSent = [...served.values()].reduce((sum, n) => sum + Math.floor(n / 5), 0);
  expect(result.wrong).toBeGreaterThanOrEqual(wrongSent - 3);
  expect(result.wrong).toBeLessThanOrEqual(wrongSent);
  expect(result.correct).toBeGreaterThan(0);
  expect(result.correct + result.wrong).toBeGreaterThanOrEqual(answered - 3);
  expect(result.firstWrong).toContain('李四光');
  expect(result.loadCpuMsPerRequest).toBeGreaterThan(0);
});

it('a fixed request: the same checks', async () => {
  const { url } = await serve(4);
  const body = JSON.stringify({ id: 7 });
  const result = await runLoad({ url, probe: { body, check: (text) => text === answerFor(7) }, connections: 2, durationS: 1 });
  expect(result.correct).toBeGreaterThan(0);
  expect(result.wrong).toBeGreaterThan(0);
  // One in four answers was wrong (the last few may not have been read when the load stopped).
  expect(Math.abs(result.wrong * 3 - result.correct)).toBeLessThanOrEqual(6);
});
