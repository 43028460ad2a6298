/**
 * The domain gate: is a message about SIM-card orders at all? Words of the domain, another company's
 * services and cards, and our own products come from knowledge/nlu/domain.json. An order-related
 * intent is only taken from a message the gate lets in (see chooseIntent in natural.nlu.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { loadJsonFile } from '../knowledge/loader.js';
import { asciiLower, toHalfWidth } from './gazetteer.js';
import { NLU_DIR } from './training-data.js';

export type DomainVerdict = 'ours' | 'elsewhere' | 'none';

const Terms = z.object({ about: z.string().optional(), zh: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }).strict();
const DomainFile = Terms.extend({
  /** Another company's service or another kind of card: outside the domain unless `ours` is also there. */
  elsewhere: Terms.optional(),
  ours: Terms.optional(),
}).strict();
export type DomainTerms = z.infer<typeof DomainFile>;

export function loadDomainTerms(file = path.join(NLU_DIR, 'domain.json')): DomainTerms {
  return loadJsonFile(file, DomainFile);
}

/** Chinese terms as substrings, English terms at the start of a word (deliver → delivery). */
function termPattern(terms: { zh: string[]; en: string[] }): RegExp {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const zh = terms.zh.map((t) => escape(asciiLower(t)));
  const en = terms.en.map((t) => `\\b${escape(t.toLowerCase())}`);
  return new RegExp([...zh, ...en].join('|'), 'g');
}

/**
 * Does the text say something about SIM-card orders?
 *  - 'ours': a domain word, and no word of another company's service or card, or, once those are
 *    taken out, still something of ours (淘宝买的卡, an Amazon parcel with my SIM);
 *  - 'elsewhere': another company's service or card and nothing of ours (美团的订单, a credit card);
 *  - 'none': no domain word at all.
 */
export function domainMatcher(terms: DomainTerms): (text: string) => DomainVerdict {
  const domain = termPattern(terms);
  const elsewhere = terms.elsewhere && termPattern(terms.elsewhere);
  const ours = terms.ours && termPattern(terms.ours);
  const has = (re: RegExp, s: string) => { re.lastIndex = 0; return re.test(s); };
  return (text) => {
    const norm = asciiLower(toHalfWidth(text));
    if (elsewhere && has(elsewhere, norm)) {
      return has(domain, norm) && !!ours && has(ours, norm.replace(elsewhere, ' ')) ? 'ours' : 'elsewhere';
    }
    return has(domain, norm) ? 'ours' : 'none';
  };
}
