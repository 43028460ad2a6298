/**
 * Provinces and cities in Chinese (full and short forms) and English. A city also yields the
 * province it belongs to, on the same span, because what the bot needs is the province
 * (plans exclude provinces, not cities). Cities are the big ones of regions.ts (with English names)
 * and every prefecture of knowledge/nlu/prefectures.json (Chinese names).
 */
import path from 'node:path';
import { z } from 'zod';
import { loadJsonFile } from '../knowledge/loader.js';
import type { Entity } from './entities.js';
import { Gazetteer, type GazetteerTerm } from './gazetteer.js';
import { CITIES, PROVINCES } from './regions.js';
import { NLU_DIR } from './training-data.js';

const PrefectureFile = z
  .object({
    about: z.string().optional(),
    /** Short names matched only in full (海南藏族自治州, 中山市): a province's name or an everyday word. */
    notAlone: z.array(z.string()),
    /** [short name, province short name, official name]. */
    prefectures: z.array(z.tuple([z.string().min(2), z.string().min(2), z.string().min(2)])),
  })
  .strict();

const prefectures = loadJsonFile(path.join(NLU_DIR, 'prefectures.json'), PrefectureFile);
const notAlone = new Set(prefectures.notAlone);
/** regions.ts's cities, which come with English names. */
const BIG_CITIES = new Set(CITIES.map(([city]) => city));

function* terms(): Generator<GazetteerTerm> {
  for (const prov of PROVINCES) {
    for (const surface of [prov.name, ...prov.zh, ...prov.en]) yield { surface, entity: 'province', value: prov.name };
  }
  for (const [city, , ...en] of CITIES) {
    for (const surface of [city, `${city}市`, ...en]) yield { surface, entity: 'city', value: city };
  }
  for (const [city, , official] of prefectures.prefectures) {
    if (BIG_CITIES.has(city)) continue;
    for (const surface of new Set([official, `${city}市`, ...(notAlone.has(city) ? [] : [city])]))
      yield { surface, entity: 'city', value: city };
  }
}

const gazetteer = new Gazetteer(terms());
const CITY_PROVINCE = new Map([
  ...prefectures.prefectures.map(([city, province]) => [city, province] as const),
  ...CITIES.map(([city, province]) => [city, province] as const),
]);

/** `province` entities, and for a city a `city` entity plus its `province` on the same span. */
export function extractPlaces(text: string): Entity[] {
  const out: Entity[] = [];
  for (const e of gazetteer.find(text)) {
    out.push(e);
    if (e.entity === 'city') out.push({ ...e, entity: 'province', value: CITY_PROVINCE.get(e.value)! });
  }
  return out;
}
