/**
 * Provinces and cities in Chinese (full and short forms) and English. A city also yields the
 * province it belongs to, on the same span, because what the bot needs is the province
 * (plans exclude provinces, not cities).
 */
import type { Entity } from './entities.js';
import { Gazetteer, type GazetteerTerm } from './gazetteer.js';
import { CITIES, PROVINCES } from './regions.js';

function* terms(): Generator<GazetteerTerm> {
  for (const prov of PROVINCES) {
    for (const surface of [prov.name, ...prov.zh, ...prov.en]) yield { surface, entity: 'province', value: prov.name };
  }
  for (const [city, , ...en] of CITIES) {
    for (const surface of [city, `${city}市`, ...en]) yield { surface, entity: 'city', value: city };
  }
}

const gazetteer = new Gazetteer(terms());
const CITY_PROVINCE = new Map(CITIES.map(([city, province]) => [city, province]));

/** `province` entities, and for a city a `city` entity plus its `province` on the same span. */
export function extractPlaces(text: string): Entity[] {
  const out: Entity[] = [];
  for (const e of gazetteer.find(text)) {
    out.push(e);
    if (e.entity === 'city') out.push({ ...e, entity: 'province', value: CITY_PROVINCE.get(e.value)! });
  }
  return out;
}
