/**
 * `POST /callbacks/172`: the 172 platform's status push. Body `{ RequidId, Data: "<JSON string>" }`
 * as JSON or form-encoded, signed in a header (config.callback.header). Each RequidId is processed
 * once (CallbackStore); the platform's test push (`OrderNo172 = "TestOrder172"`) is acknowledged
 * without processing. Answers `{ code: 0, message: "上传成功" }`, which is what the platform expects.
 *
 * The signature scheme of pushes is not documented publicly. We check the same MD5 as requests:
 * the body's fields other than the signature (`Data`, `RequidId`, …), sorted, with the secret
 * appended in either variant, since integrations disagree on the variant (DOMAIN.md). Both need
 * the secret, so accepting either does not weaken the check.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sign, signMatches } from '../orders/platform.sign.js';
import type { Config } from '../../bot/config.js';
import { AppError } from '../../bot/errors.js';
import { toAppError } from '../../bot/http-errors.js';
import { maskPhone, maskText } from '../../bot/pii.js';
import type { CallbackStore, StatusPush } from '../../bot/core/ports/callback-store.js';
import type { Order } from '../../bot/core/ports/order-source.js';

export interface PlatformCallbackDeps {
  settings: Readonly<Config['callback']>;
  store: CallbackStore;
  /** Called once per new push. Throwing marks the push failed: the platform's re-send is processed again. */
  onStatusChange: (orderNo: string, push: StatusPush) => Promise<void> | void;
  now?: () => Date;
}

export const CALLBACK_PATH = '/callbacks/172';
export const TEST_PUSH_ORDER_NO_172 = 'TestOrder172';
const ACK = { code: 0, message: '上传成功' } as const;

const text = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => String(v).trim() || null)
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);

const Body = z.looseObject({
  RequidId: z.union([z.string().trim().min(1), z.number()]).transform(String),
  Data: z.union([z.string(), z.record(z.string(), z.unknown())]),
});

const PushData = z.looseObject({
  OrderNo: text,
  OrderNo172: text,
  OrderStatus: text,
  Remark: text,
  ThirdPhone: text,
  ExpressName: text,
  ExpressCode: text,
  CardStatus: text,
  ActiveTime: text,
  IsFirstCharge: text,
  FirstCharge: text,
});

/** A push as an Order, for viewOrder and friends: what it says of the order, nothing else (it carries no contact phone). */
export function pushToOrder(p: StatusPush): Order {
  return {
    orderNo: p.OrderNo,
    status: p.OrderStatus,
    remark: p.Remark ?? null,
    contactPhone: '',
    courier: p.ExpressName ?? null,
    trackingNo: p.ExpressCode ?? null,
    issuedNumber: p.ThirdPhone ?? null,
    planId: null,
    planName: null,
    operator: null,
    idNumber: null,
    name: null,
    province: null,
    city: null,
    address: null,
    createdAt: null,
  };
}

function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export async function platformCallback(app: FastifyInstance, deps: PlatformCallbackDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());

  // Encapsulated: these parsers and this error handler apply to this plugin's routes only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  // Some senders label JSON as text/plain.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    const s = (body as string).trim();
    try {
      done(null, s.startsWith('{') ? JSON.parse(s) : parseForm(s));
    } catch {
      done(new AppError('INVALID_JSON'), undefined);
    }
  });
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err }, 'status push failed');
    return reply.code(e.status).send(e.toBody());
  });

  app.post(CALLBACK_PATH, async (req, reply) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    if (deps.settings.verify) verify(raw, req.headers[deps.settings.header], deps.settings.secret);

    const body = Body.safeParse(raw);
    if (!body.success) throw new AppError('BAD_REQUEST', 'A status push needs RequidId and Data.');
    let data: unknown = body.data.Data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        throw new AppError('BAD_REQUEST', 'Data is not a JSON object.');
      }
    }
    const d = PushData.safeParse(data);
    if (!d.success) throw new AppError('BAD_REQUEST', 'Data is not a JSON object.');

    if (d.data.OrderNo172 === TEST_PUSH_ORDER_NO_172) {
      req.log.info({ requidId: body.data.RequidId }, '172 test push acknowledged');
      return reply.send(ACK);
    }
    const { OrderNo, OrderStatus } = d.data;
    if (!OrderNo || !OrderStatus) throw new AppError('BAD_REQUEST', 'Data needs OrderNo and OrderStatus.');
    const push: StatusPush = { ...d.data, RequidId: body.data.RequidId, OrderNo, OrderStatus };

    if (!(await deps.store.claim(maskedPush(push), now().toISOString()))) return reply.send(ACK); // a repeat: already handled
    try {
      await deps.onStatusChange(OrderNo, push);
    } catch (err) {
      await deps.store.finish(push.RequidId, false, now().toISOString());
      throw new AppError('INTERNAL', undefined, { cause: err });
    }
    await deps.store.finish(push.RequidId, true, now().toISOString());
    return reply.send(ACK);
  });
}

/** The push as it is kept: the issued number masked, and any phone or ID number in the free text (a Remark can quote them). */
function maskedPush(push: StatusPush): StatusPush {
  const out = { ...push };
  for (const [k, v] of Object.entries(out))
    if (typeof v === 'string') (out as Record<string, unknown>)[k] = maskText(v);
  return { ...out, ThirdPhone: push.ThirdPhone ? maskPhone(push.ThirdPhone) : null };
}

/** Throws UNAUTHORIZED unless the header (or a `sign` field of a form body) signs the body. */
function verify(
  body: Record<string, unknown>,
  header: string | string[] | undefined,
  secret: string | undefined,
): void {
  const received =
    (Array.isArray(header) ? header[0] : header) ?? (typeof body.sign === 'string' ? body.sign : undefined);
  // Without a secret nothing can be verified: refuse rather than accept unsigned pushes.
  if (!secret || !received) throw new AppError('UNAUTHORIZED', 'The status push is not signed.');
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined || v === null) continue;
    fields[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  const ok =
    signMatches(received, sign(fields, secret, 'append')) || signMatches(received, sign(fields, secret, 'amp-secret'));
  if (!ok) throw new AppError('UNAUTHORIZED', 'The status push signature is wrong.');
}
