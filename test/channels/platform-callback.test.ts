import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { platformCallback, CALLBACK_PATH } from '../../adapters/channels/platform-callback.js';
import { sign } from '../../adapters/orders/platform.sign.js';
import { SqliteCallbackStore } from '../../adapters/storage/sqlite.callback-store.js';
import type { StatusPush } from '../../bot/core/ports/callback-store.js';
import { tempDir } from '../helpers/app.js';

const SECRET = 'cb-secret';
const HEADER = 'x-172-sign';

interface Rig {
  app: FastifyInstance;
  store: SqliteCallbackStore;
  calls: Array<[string, StatusPush]>;
}
const open: Rig[] = [];

async function rig(
  opts: { file?: string; verify?: boolean; secret?: string; fail?: () => boolean } = {},
): Promise<Rig> {
  const store = new SqliteCallbackStore(opts.file ?? path.join(tempDir(), 'cb.sqlite'));
  const calls: Rig['calls'] = [];
  const app = Fastify();
  await app.register(async (scope) =>
    platformCallback(scope, {
      settings: { verify: opts.verify ?? true, header: HEADER, secret: 'secret' in opts ? opts.secret : SECRET },
      store,
      onStatusChange: (orderNo, push) => {
        if (opts.fail?.()) throw new Error('notice failed');
        calls.push([orderNo, push]);
      },
    }),
  );
  await app.ready();
  const r = { app, store, calls };
  open.push(r);
  return r;
}

afterEach(async () => {
  for (const r of open.splice(0)) {
    await r.app.close();
    await r.store.close();
  }
});

const data = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    OrderNo: '172202611100001',
    OrderNo172: 'T99',
    OrderStatus: '审核失败',
    Remark: '身份信息不一致',
    ThirdPhone: '',
    ...over,
  });
const signed = (body: Record<string, string>, variant: 'append' | 'amp-secret' = 'append') =>
  sign(body, SECRET, variant);

function push(
  app: FastifyInstance,
  body: Record<string, string>,
  headers: Record<string, string> = { [HEADER]: signed(body) },
) {
  return app.inject({ method: 'POST', url: CALLBACK_PATH, payload: body, headers });
}

describe('POST /callbacks/172', () => {
  it('refuses an unsigned push with 401 and the error body', async () => {
    const { app, calls } = await rig();
    const res = await push(app, { RequidId: 'r1', Data: data() }, {});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    expect(calls).toHaveLength(0);
  });

  it('refuses a badly signed push with 401', async () => {
    const { app, calls } = await rig();
    const body = { RequidId: 'r1', Data: data() };
    expect((await push(app, body, { [HEADER]: sign(body, 'other-secret', 'append') })).statusCode).toBe(401);
    // Signed over other content than what arrived.
    expect(
      (await push(app, body, { [HEADER]: signed({ ...body, Data: data({ OrderStatus: '已发货' }) }) })).statusCode,
    ).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it('refuses everything when verification is on but no secret is configured', async () => {
    const { app } = await rig({ secret: undefined });
    const body = { RequidId: 'r1', Data: data() };
    expect((await push(app, body)).statusCode).toBe(401);
  });

  it('accepts a signed JSON push, answers 上传成功 and reports the change once', async () => {
    const { app, calls, store } = await rig();
    const body = { RequidId: 'r1', Data: data() };
    const res = await push(app, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 0, message: '上传成功' });
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('172202611100001');
    expect(calls[0]![1]).toMatchObject({
      RequidId: 'r1',
      OrderStatus: '审核失败',
      Remark: '身份信息不一致',
      ThirdPhone: null,
      OrderNo172: 'T99',
    });
    expect(await store.get('r1')).toMatchObject({ orderNo: '172202611100001', status: 'done' });
  });

  it('keeps the push masked: the issued number, and any phone or ID number the Remark quotes', async () => {
    const file = path.join(tempDir(), 'cb.sqlite');
    const { app, calls } = await rig({ file });
    const remark = '地址不详，联系人13912345678，证件440305199204185539';
    await push(app, { RequidId: 'pii', Data: data({ ThirdPhone: '17012345678', Remark: remark }) });
    expect(calls[0]![1]).toMatchObject({ ThirdPhone: '17012345678', Remark: remark }); // the notice is told the truth
    const db = new Database(file, { readonly: true });
    const { payload } = db.prepare(`SELECT payload FROM platform_callbacks WHERE requid_id = 'pii'`).get() as {
      payload: string;
    };
    db.close();
    expect(JSON.parse(payload)).toMatchObject({
      ThirdPhone: '170****5678',
      Remark: '地址不详，联系人139****5678，证件440305********5539',
    });
  });

  it('accepts either sign variant', async () => {
    const { app, calls } = await rig();
    const body = { RequidId: 'r2', Data: data() };
    expect((await push(app, body, { [HEADER]: signed(body, 'amp-secret') })).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('accepts a form-encoded push, signed in the header or in a sign field', async () => {
    const { app, calls } = await rig();
    const body = { RequidId: 'f1', Data: data() };
    const res = await app.inject({
      method: 'POST',
      url: CALLBACK_PATH,
      payload: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', [HEADER]: signed(body) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 0, message: '上传成功' });
    const body2 = { RequidId: 'f2', Data: data({ OrderStatus: '已发货' }) };
    const res2 = await app.inject({
      method: 'POST',
      url: CALLBACK_PATH,
      payload: new URLSearchParams({ ...body2, sign: signed(body2) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res2.statusCode).toBe(200);
    expect(calls.map(([, p]) => p.OrderStatus)).toEqual(['审核失败', '已发货']);
  });

  it('processes a repeated RequidId once but acknowledges every time', async () => {
    const { app, calls } = await rig();
    const body = { RequidId: 'dup', Data: data() };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await push(app, body)).json());
    answers.push(...(await Promise.all([push(app, body), push(app, body)])).map((r) => r.json()));
    expect(answers.every((a) => a.code === 0 && a.message === '上传成功')).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('remembers processed pushes across a reopen of the SQLite file', async () => {
    const file = path.join(tempDir(), 'cb.sqlite');
    const first = await rig({ file });
    const body = { RequidId: 'persist', Data: data() };
    await push(first.app, body);
    expect(first.calls).toHaveLength(1);
    await first.app.close();
    await first.store.close();
    const second = await rig({ file });
    expect((await push(second.app, body)).json()).toEqual({ code: 0, message: '上传成功' });
    expect(second.calls).toHaveLength(0);
    await push(second.app, { RequidId: 'new-one', Data: data() });
    expect(second.calls).toHaveLength(1);
  });

  it("acknowledges the platform's test push without processing it", async () => {
    const { app, calls, store } = await rig();
    const body = {
      RequidId: 'test-1',
      Data: JSON.stringify({ OrderNo172: 'TestOrder172', OrderNo: '', OrderStatus: '' }),
    };
    const res = await push(app, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 0, message: '上传成功' });
    expect(calls).toHaveLength(0);
    expect(await store.get('test-1')).toBeNull();
  });

  it('answers 500 when processing fails, and processes the re-sent push again', async () => {
    let failing = true;
    const { app, calls, store } = await rig({ fail: () => failing });
    const body = { RequidId: 'retry', Data: data() };
    const res = await push(app, body);
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect((await store.get('retry'))?.status).toBe('failed');
    failing = false;
    expect((await push(app, body)).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('rejects malformed pushes with 400', async () => {
    const { app } = await rig({ verify: false });
    expect((await push(app, { Data: data() }, {})).statusCode).toBe(400);
    expect((await push(app, { RequidId: 'x', Data: 'not json' }, {})).statusCode).toBe(400);
    expect((await push(app, { RequidId: 'x', Data: JSON.stringify({ OrderNo: 'A' }) }, {})).statusCode).toBe(400);
    const res = await push(app, { RequidId: 'x', Data: '[1' }, {});
    expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  });

  it('accepts unsigned pushes when verification is off', async () => {
    const { app, calls } = await rig({ verify: false });
    expect((await push(app, { RequidId: 'u1', Data: data() }, {})).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });
});
