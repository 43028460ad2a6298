/**
 * The four operators, however the customer names them. The value is the Chinese short name the
 * plan catalogue uses in its `operator` field (移动, 联通, 电信, 广电).
 */
import type { Entity } from './entities.js';
import { Gazetteer, type GazetteerTerm } from './gazetteer.js';

export const OPERATORS = ['移动', '联通', '电信', '广电'] as const;
export type Operator = (typeof OPERATORS)[number];

const NAMES: Record<Operator, string[]> = {
  移动: ['移动', '中国移动', '中移动', '中移', 'china mobile', 'cmcc', 'chinamobile', '10086'],
  联通: ['联通', '中国联通', 'china unicom', 'unicom', 'chinaunicom', '10010'],
  电信: ['电信', '中国电信', 'china telecom', 'telecom', 'chinatelecom', 'ctcc', '10000'],
  广电: ['广电', '中国广电', 'china broadnet', 'broadnet', 'cbn', '10099'],
};

/** Every way of naming an operator, lower case. */
export const OPERATOR_NAMES: readonly string[] = OPERATORS.flatMap((op) => NAMES[op]);

function* terms(): Generator<GazetteerTerm> {
  for (const op of OPERATORS) for (const surface of NAMES[op]) yield { surface, entity: 'operator', value: op };
}

const gazetteer = new Gazetteer(terms());

/** `operator` entities. A hotline number counts only on its own (not inside a longer number). */
export function extractOperators(text: string): Entity[] {
  return gazetteer.find(text).filter((e) => {
    if (!/^\d+$/.test(text.slice(e.start, e.end))) return true;
    return (
      !/\d/.test(text[e.start - 1] ?? '') &&
      !/[\d.]/.test(text[e.end] ?? '') &&
      !/^\s*(元|块|rmb|yuan)/i.test(text.slice(e.end))
    );
  });
}
