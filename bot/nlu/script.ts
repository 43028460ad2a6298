/**
 * Traditional Chinese read as simplified: customers in Hong Kong, Taiwan or on a phone set to
 * traditional characters write 訂單, 審批, 開通, while the training phrases and domain words are in
 * simplified characters, so 我嘅單審批咗未呀 shared almost nothing with them. OpenCC's
 * traditional-to-mainland dictionaries (opencc-js) do the conversion; this is the only module that
 * imports it. Entity offsets must stay those of the customer's text, so a caller reads spans from the
 * converted text only when it has the same length, as character-by-character conversion keeps it.
 */
import { Converter } from 'opencc-js/t2cn';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
let convert: ((text: string) => string) | undefined;

/** The text with traditional characters (Hong Kong, Taiwan or generic forms) in their mainland simplified form. */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  const run = convert ?? (convert = Converter({ from: 'hk', to: 'cn' }));
  return run(text);
}
