/**
 * A customer who cannot give what the bot asks for ("我忘记订单号了", "下单电话我忘了"): the trained
 * intent missing_info, measured on the helpers' sets in test/dialogs/without-data/. Sets 1 and 2 are
 * training phrases now; sets 3 and 4 were first read by the trained NLU on 2026-12-07: order number
 * 91/100 and 103/120 recognised, 15/80 and 10/80 near misses taken for it; phone digits 99/120 on
 * topic (the bot waits for them, so it reads the message on topic). These floors keep those figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testNlu } from '../helpers/nlu-models.js';

const nlu = testNlu();
const dir = path.join(import.meta.dirname, '../dialogs/without-data');
const withoutData = (text: string) =>
  !nlu.parse(text).entities.some((e) => ['order_no', 'phone_tail', 'phone'].includes(e.entity));

function tally(kind: string, files: string[], onTopic: boolean) {
  let help = 0,
    found = 0,
    other = 0,
    taken = 0;
  for (const f of files) {
    for (const line of fs
      .readFileSync(path.join(dir, kind, f), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)) {
      const [label, text] = line.split('\t') as [string, string];
      if (!withoutData(text)) continue;
      const r = nlu.parse(text);
      const hit = (onTopic ? r.onTopic : r.intent).name === 'missing_info';
      if (label === 'help') {
        help++;
        if (hit) found++;
      } else {
        other++;
        if (hit) taken++;
      }
    }
  }
  return { help, found, other, taken };
}

describe('a customer without the data the bot asks for', () => {
  it("is recognised when the order number is missing, in most of the unseen sets' messages", () => {
    const t = tally('order-no', ['set-3.tsv', 'set-4.tsv'], false);
    expect(t.help).toBe(220);
    expect(t.found / t.help).toBeGreaterThanOrEqual(0.88);
    expect(t.taken / t.other).toBeLessThanOrEqual(0.17);
  });

  it('is recognised when the phone digits cannot be given, read on topic as at that step', () => {
    const t = tally('tail', ['set-3.tsv'], true);
    expect(t.found / t.help).toBeGreaterThanOrEqual(0.8);
    expect(t.taken / t.other).toBeLessThanOrEqual(0.06);
  });
});
