/**
 * The 172 platform's order record, with the field names its API and callbacks use (API.md), and its
 * mapping into the bot's own `Order`. The bundled demo orders (knowledge/demo-orders.json) are written
 * in this shape, as the platform would return them.
 */
import path from 'node:path';
import { KNOWLEDGE_DIR, loadJsonFile } from '../../bot/knowledge/loader.js';
import { OrdersFile } from '../../bot/knowledge/schemas.js';
import type { Order } from '../../bot/core/ports/order-source.js';

export const DEMO_ORDERS_FILE = path.join(KNOWLEDGE_DIR, 'demo-orders.json');

export interface PlatformOrderRecord {
  OrderNo: string;
  OrderStatus: string;
  Remark?: string | null;
  ProductID?: string | null;
  ProductName?: string | null;
  Operator?: string | null;
  Phone: string;
  IDCard?: string | null;
  Name?: string | null;
  Province?: string | null;
  City?: string | null;
  Address?: string | null;
  CreatedAt?: string | null;
  ExpressName?: string | null;
  ExpressCode?: string | null;
  ThirdPhone?: string | null;
}

export function toOrder(r: PlatformOrderRecord): Order {
  const n = (v: string | null | undefined) => v ?? null;
  return {
    orderNo: r.OrderNo,
    status: r.OrderStatus,
    remark: n(r.Remark),
    planId: n(r.ProductID),
    planName: n(r.ProductName),
    operator: n(r.Operator),
    contactPhone: r.Phone,
    idNumber: n(r.IDCard),
    name: n(r.Name),
    province: n(r.Province),
    city: n(r.City),
    address: n(r.Address),
    createdAt: n(r.CreatedAt),
    courier: n(r.ExpressName),
    trackingNo: n(r.ExpressCode),
    issuedNumber: n(r.ThirdPhone),
  };
}

/** The platform-shaped records of an orders file (the demo orders by default), checked against its schema. */
export function loadPlatformRecords(file: string = DEMO_ORDERS_FILE): PlatformOrderRecord[] {
  return loadJsonFile(file, OrdersFile) as PlatformOrderRecord[];
}

/** The orders of an orders file (the demo orders by default), in the bot's terms. */
export function loadOrders(file: string = DEMO_ORDERS_FILE): Order[] {
  return loadPlatformRecords(file).map(toOrder);
}
