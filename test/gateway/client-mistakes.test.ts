import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log.ts';
import { type Hub, post, startHub } from '../helpers/hub.ts';

/**
 * What a client is told about its own mistakes, over real HTTP: a bearer token that is not a JWT is
 * named as such (not as a malformed header), and a variable the schema cannot coerce is reported by
 * variable, path and what was expected, never with the value sent (a talent's name in an error text
 * ends up in the client's logs and ours).
 */

const NAME = 'Qiao Synthetica'; // synthetic
let hub: Hub;
const logged: string[] = [];
beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  hub = await startHub({
    talents: 20,
    nodes: 'single',
    gateway: { logger: createLogger('gateway', 'debug', { format: 'json', destination }), logError: (error) => logged.push(String(error)) },
  });
});
afterAll(async () => {
  await hub?.close();
});

describe('Authorization headers', () => {
  it('a well-formed header whose token is not a JWT says so: 401 UNAUTHENTICATED', async () => {
    for (const header of ['Bearer garbage', 'Bearer two.parts', 'Bearer a.b.c', 'Bearer not a jwt', 'bearer eyJ.eyJ.sig!']) {
      const answer = await post(hub.url, '{ __typename }', undefined, { authorization: header });
      expect(answer.status, header).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code, header).toBe('UNAUTHENTICATED');
      expect(answer.body.errors?.[0]?.message, header).toBe(
        'The bearer token is not a JWT (three base64url parts separated by dots): send the token your identity provider issued.',
      );
    }
  });

  it('a header that is not "Bearer <token>" keeps its message; a JWT not signed by a trusted key keeps its own', async () => {
    for (const header of ['Bearer', 'Bearer   ', 'Basic dXNlcjpwYXNz', 'garbage']) {
      const answer = await post(hub.url, '{ __typename }', undefined, { authorization: header });
      expect(answer.status, header).toBe(401);
      expect(answer.body.errors?.[0]).toMatchObject({ message: 'Malformed Authorization header: expected "Bearer <JWT>".', extensions: { code: 'UNAUTHENTICATED' } });
    }
    // A decodable JWT with a bad signature: not "not a JWT".
    const forged = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.c2lnbmF0dXJl`;
    const answer = await post(hub.url, '{ __typename }', undefined, { authorization: `Bearer ${forged}` });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.message).toBe('The token is not valid: it is malformed or not signed by a key this hub trusts.');
  });
});

const REGISTER = 'mutation R($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id } } }';
const talent = {
  name: NAME,
  gender: 'FEMALE',
  birthYear: 1980,
  degree: 'DOCTORATE',
  title: 'Engineer',
  careerStage: 'SENIOR',
  organization: 'Synthetic Institute',
  disciplineCodes: ['210'],
  sectors: ['AGRICULTURE'],
  homeRegion: '510000',
  source: 'test',
};

/** The variable errors of one request: their messages, codes and fields. */
function reported(errors: { message: string; extensions?: Record<string, any> }[] | undefined) {
  return (errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, field: e.extensions?.field }));
}

describe('variables the schema cannot coerce', () => {
  const cases: { input: Record<string, unknown>; expected: { message: string; field: string }[] }[] = [
    {
      input: { ...talent, birthYear: NAME },
      expected: [{ message: 'Variable "$input" has an invalid value at "input.birthYear": Int cannot represent non-integer value.', field: 'input.birthYear' }],
    },
    {
      input: {
        name: NAME,
        gender: 'FEMALE',
        birthYear: 1980,
        degree: 'DOCTORATE',
        title: 'Engineer',
        careerStage: 'SENIOR',
        organization: 'x',
        disciplineCodes: [],
        sectors: [],
        source: 's',
      },
      expected: [
        { message: 'Variable "$input" has an invalid value at "input.homeRegion": Field "homeRegion" of required type "ID!" was not provided.', field: 'input.homeRegion' },
      ],
    },
    {
      // A value holding "; " and graphql-js's own words does not move the path or the problem.
      input: { ...talent, organization: { note: `${NAME}; Int cannot represent x: y` } },
      expected: [{ message: 'Variable "$input" has an invalid value at "input.organization": String cannot represent a non string value.', field: 'input.organization' }],
    },
    {
      input: { ...talent, gender: NAME },
      expected: [{ message: 'Variable "$input" has an invalid value at "input.gender": not a value of enum "Gender".', field: 'input.gender' }],
    },
    {
      input: { ...talent, nickname: NAME },
      expected: [
        { message: 'Variable "$input" has an invalid value at "input.nickname": Field "nickname" is not defined by type "RegisterTalentInput".', field: 'input.nickname' },
      ],
    },
    {
      input: { ...talent, contact: { phone: { owner: NAME } } },
      expected: [{ message: 'Variable "$input" has an invalid value at "input.contact.phone": String cannot represent a non string value.', field: 'input.contact.phone' }],
    },
    {
      input: { ...talent, skills: ['ok', 7, { who: NAME }] },
      expected: [
        { message: 'Variable "$input" has an invalid value at "input.skills[1]": String cannot represent a non string value.', field: 'input.skills[1]' },
        { message: 'Variable "$input" has an invalid value at "input.skills[2]": String cannot represent a non string value.', field: 'input.skills[2]' },
      ],
    },
  ];

  it('the gateway names the variable, the path and what was expected, without the value, as BAD_USER_INPUT; nothing is written or logged with it', async () => {
    const before = await hub.query('{ talents(filter: { text: "Synthetica" }) { totalCount } }');
    for (const { input, expected } of cases) {
      const answer = await hub.query(REGISTER, { input });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain('Synthetica');
      expect(reported(answer.body.errors)).toEqual(expected.map((e) => ({ ...e, code: 'BAD_USER_INPUT' })));
    }
    // A value refused at the variable's root: the path is the variable.
    const root = await hub.query('query T($id: ID!) { talent(id: $id) { id } }', { id: { name: NAME } });
    expect(JSON.stringify(root.body)).not.toContain('Synthetica');
    expect(reported(root.body.errors)).toEqual([{ message: 'Variable "$id" has an invalid value at "id": ID cannot represent value.', code: 'BAD_USER_INPUT', field: 'id' }]);
    // A variable that is missing or null keeps graphql-js's message (it holds no value).
    const missing = await hub.query(REGISTER, {});
    expect(reported(missing.body.errors)).toEqual([
      { message: 'Variable "$input" of required type "RegisterTalentInput!" was not provided.', code: 'BAD_USER_INPUT', field: 'input' },
    ]);
    expect((await hub.query('{ talents(filter: { text: "Synthetica" }) { totalCount } }')).body).toEqual(before.body);
    expect(logged.join('\n')).not.toContain('Synthetica');
    expect(logged.join('\n')).toContain('BAD_USER_INPUT'); // the requests were logged, by code
  });

  it('a subgraph answering a caller directly reports its variable errors the same way', async () => {
    const token = await hub.signer.sign({ audience: 'experts', sub: 'test-510000', region: '510000', scopes: ['talent:read', 'talent:write'], purpose: null, grants: [] });
    for (const { input, expected } of cases.slice(0, 3)) {
      const answer = await post(hub.subgraphUrls.experts, REGISTER, { input }, { authorization: `Bearer ${token}` });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain('Synthetica');
      expect(reported(answer.body.errors)).toEqual(expected.map((e) => ({ ...e, code: 'BAD_USER_INPUT' })));
    }
  });
});
