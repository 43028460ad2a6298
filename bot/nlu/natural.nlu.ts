/**
 * The bot's language understanding, built on `natural`: per language, natural's Bayes classifier and
 * a softmax regression (softmax.ts) over n-gram features (Chinese segmented into characters or
 * jieba words, English Porter-stemmed), plus a TF-IDF nearest-neighbour similarity that tells
 * "unlike anything trained" apart. Entities come from rules and dictionaries (entities.ts).
 * `out_of_scope` is never trained: it is what a message becomes when its confidence falls below a
 * calibrated threshold.
 *
 * A message with Han characters is read by the Chinese model; one that also has English words ("why
 * does it say 风控", "订单status") by both, each intent keeping the better of the two confidences.
 *
 * Confidence = posterior^α · similarity^(1-α) of an intent: a message must be both the classifiers'
 * favourite and close to some training phrase of that intent. An order-related intent is only
 * accepted when the message has a word of the bot's domain (knowledge/nlu/domain.json) or an
 * entity, except a complaint or a request for a person (OPEN_INTENTS) and `inform` of a message that
 * names a place or an age, which outside the domain need their own bar, and any other the engine is
 * sure of, above the bare bar ("what other options do I have"); small talk has its own threshold too
 * (a misfire there is harmless). Inside the domain, an order-related intent whose posterior reaches
 * the sure bar is taken whatever its similarity. See decision.ts.
 */
import type { Entity } from './entities.js';
import { justData } from './framing.js';
import { extractEntities } from './entities.js';
import { detectLanguage, featureUnits, featurize, latinWords, type Language, type Segmenter } from './features.js';
import { Speller } from './spelling.js';
import { IntentModel } from './intent-model.js';
import { savedOrTrained } from './model-cache.js';
import { PlanMatcher, type PlanRef } from './plans.js';
import { domainMatcher, loadDomainTerms, type DomainTerms, type DomainVerdict } from './domain.js';
import { toMandarin } from './script.js';
import { Keywords } from './keywords.js';
import { isPinyin, PinyinReader } from './pinyin.js';
import { HAN } from './chinese.js';
import { Homophones } from './homophones.js';
import { loadTrainingData, type Example } from './training-data.js';
import { chooseIntent, round, type Bars, type MessageContext } from './decision.js';
import { loadCalibration } from './calibration.js';
import {
  isIntentName,
  ORDER_RELATED_INTENTS,
  SMALL_TALK_INTENTS,
  type IntentName,
  type NluResult,
  type RankedIntent,
  type ScoredIntent,
} from './types.js';
import type { LanguageUnderstanding } from '../core/ports/language-understanding.js';

export interface NaturalNluOptions {
  segmenter?: Segmenter;
  /** Below this confidence an order-related intent is out_of_scope. */
  threshold?: number;
  /** Below this confidence a small-talk intent is out_of_scope. */
  smallTalkThreshold?: number;
  /** Below this confidence a complaint or human request that names nothing of the domain is out_of_scope. */
  openThreshold?: number;
  /**
   * Below this posterior any other order-related intent that names nothing of the domain is passed
   * over (and above it, it must still clear the open bar).
   */
  bareThreshold?: number;
  /** From this posterior an order-related intent of a message with a domain word needs no confidence bar. */
  sureThreshold?: number;
  /** Below this confidence an order-related intent without a domain word, read inside a conversation about an order, is out_of_scope. */
  topicThreshold?: number;
  /** Weight of the classifiers' posterior against the TF-IDF similarity in the confidence. */
  alpha?: number;
  plans?: PlanMatcher;
  /** Glossary terms, escalation and preference words (see keywords.ts); default from knowledge/. */
  keywords?: Keywords;
  /** Training examples per language; default knowledge/nlu/*.json. */
  training?: Record<Language, Example[]>;
  /** Domain words per language; default knowledge/nlu/domain.json. */
  domain?: DomainTerms;
  /** Replace an unknown English word by a known one a single edit away (default true; see spelling.ts). */
  spelling?: boolean;
  /** Read a sound-alike typo or pinyin of a domain word as that word (default true; see homophones.ts). */
  homophones?: boolean;
  /**
   * A directory where trained models are saved, and loaded at the next start instead of trained
   * again while nothing they are made of has changed (see model-cache.ts). Left out, the engine
   * trains every time.
   */
  modelDir?: string;
  /** Hears a failure to save trained models into `modelDir` (each start then trains again). */
  onModelSaveError?: (err: unknown) => void;
  /**
   * The lowest bar the engine's rankings will be judged at (default: the lowest of its own bars). An
   * intent whose confidence could not reach it is ranked with confidence 0 and costs no similarity
   * search; the calibration, which replays rankings at bars down to 0.05, passes 0.05. Given, it holds
   * for every intent in parse() too; left out, parse() first ranks each intent against the bar of its
   * kind (see there).
   */
  lowestBar?: number;
}

/**
 * Alpha and the bars, as the calibration command wrote them into knowledge/nlu/calibration.json
 * (see bot/nlu/calibration.ts and scripts/nlu-tuning.ts): the order, small-talk, open, bare and sure
 * bars from the best 5-fold cross-validated accuracy on our training phrases that keeps
 * out-of-scope false accepts ≤ 1% and out-of-scope lines taken for small talk ≤ 5% on each half of
 * the calibration fold (every 5th line) of each evaluation file (left out of every reported figure:
 * `--calibration-fold`; ../shared/eval/README.md allows this one use), and the topic bar from the
 * development set's lines said inside a conversation about an order.
 */
const CALIBRATION = loadCalibration();
export const DEFAULT_THRESHOLD = CALIBRATION.order;
export const DEFAULT_SMALL_TALK_THRESHOLD = CALIBRATION.smallTalk;
export const DEFAULT_OPEN_THRESHOLD = CALIBRATION.open;
export const DEFAULT_BARE_THRESHOLD = CALIBRATION.bare;
export const DEFAULT_SURE_THRESHOLD = CALIBRATION.sure;
export const DEFAULT_TOPIC_THRESHOLD = CALIBRATION.topic;
export const DEFAULT_ALPHA = CALIBRATION.alpha;
export const DEFAULT_SEGMENTER: Segmenter = 'chars';

/** Entities that only this domain has; a city or an age alone does not make a message about orders. */
const DOMAIN_ENTITIES = new Set(['order_no', 'phone', 'id_number', 'operator', 'plan']);
/** Data a customer gives that any subject may name: outside the domain it only makes `inform` admissible. */
const PLACE_OR_AGE = new Set(['province', 'city', 'age']);

export class NaturalNlu implements LanguageUnderstanding {
  readonly segmenter: Segmenter;
  /** The confidence each kind of intent needs (see chooseIntent). */
  readonly bars: Bars;
  readonly alpha: number;
  /**
   * Under this posterior an intent's confidence (at most posterior^α) is under `lowestBar`, so no
   * decision can take it: its similarity is not computed.
   */
  private readonly minPosterior: number;
  /**
   * Per language and intent (in its model's order), the posterior under which the intent could not
   * reach the lowest bar of its kind: small talk's bar for small talk, the lower of the order and
   * open bars for the others. parse() ranks with these first (see there); undefined when the caller
   * set `lowestBar`, which then holds for every intent.
   */
  private readonly kindFloors: Record<Language, Float64Array> | undefined;
  private readonly domainOf: (text: string) => DomainVerdict;
  private readonly models: Record<Language, IntentModel>;
  /** Each model's intents, in its order, checked once against the known names. */
  private readonly intents: Record<Language, readonly IntentName[]>;
  private readonly plans: PlanMatcher | undefined;
  private readonly correct: ((word: string) => string) | undefined;
  private readonly homophones: Homophones | undefined;
  private readonly keywords: Keywords;
  private readonly pinyin: PinyinReader;

  constructor(options: NaturalNluOptions = {}) {
    this.segmenter = options.segmenter ?? DEFAULT_SEGMENTER;
    this.bars = {
      order: options.threshold ?? DEFAULT_THRESHOLD,
      smallTalk: options.smallTalkThreshold ?? DEFAULT_SMALL_TALK_THRESHOLD,
      open: options.openThreshold ?? DEFAULT_OPEN_THRESHOLD,
      bare: options.bareThreshold ?? DEFAULT_BARE_THRESHOLD,
      sure: options.sureThreshold ?? DEFAULT_SURE_THRESHOLD,
      topic: options.topicThreshold ?? DEFAULT_TOPIC_THRESHOLD,
    };
    const domain = options.domain ?? loadDomainTerms();
    this.domainOf = domainMatcher(domain);
    this.alpha = options.alpha ?? DEFAULT_ALPHA;
    // The posterior under which a confidence (at most posterior^α) is under `bar`: 1% under the bound,
    // so that no confidence rounded to 4 decimals (see round) could reach the bar.
    const floor = (bar: number) => bar ** (1 / this.alpha) * 0.99;
    this.minPosterior = floor(
      options.lowestBar ?? Math.min(this.bars.order, this.bars.smallTalk, this.bars.open, this.bars.topic),
    );
    this.plans = options.plans;
    this.keywords = options.keywords ?? Keywords.load();
    this.pinyin = new PinyinReader(
      () => training.zh.map((ex) => toMandarin(ex.text)),
      () => [...domain.zh, ...(domain.ours?.zh ?? [])],
    );
    const training = options.training ?? loadTrainingData();
    if (options.spelling ?? true) {
      const speller = new Speller([...training.zh, ...training.en].flatMap((ex) => latinWords(ex.text)));
      this.correct = (word) => speller.correct(word);
    }
    if (options.homophones ?? true) this.homophones = Homophones.forDomain(domain);
    // Training phrases are read as messages are (script.ts), but keep their typos: the phrases written
    // with typos are there to teach them. (Reading them through the sound-alike reading changed no
    // figure on the development files and cost 0.3 s of training for jieba's dictionary, which now
    // loads on the first message that needs it.)
    const train = (examples: Example[]) =>
      new IntentModel(
        examples.map((ex) => {
          const text = toMandarin(ex.text);
          return {
            intent: ex.intent,
            features: featurize(text, extractEntities(text, { plans: this.plans }), this.segmenter),
          };
        }),
      );
    const trainBoth = () => ({ zh: train(training.zh), en: train(training.en) });
    this.models = options.modelDir
      ? savedOrTrained(
          options.modelDir,
          ['zh', 'en'],
          { training, segmenter: this.segmenter, plans: this.plans?.refs() ?? [] },
          trainBoth,
          options.onModelSaveError,
        )
      : trainBoth();
    const named = (model: IntentModel): IntentName[] =>
      model.intents.map((name) => {
        if (!isIntentName(name)) throw new Error(`the model has an unknown intent '${name}'`);
        return name;
      });
    this.intents = { zh: named(this.models.zh), en: named(this.models.en) };
    if (options.lowestBar === undefined) {
      const floors = (model: IntentModel) =>
        Float64Array.from(model.intents, (name) =>
          floor(
            SMALL_TALK_INTENTS.has(name)
              ? this.bars.smallTalk
              : Math.min(this.bars.order, this.bars.open, this.bars.topic),
          ),
        );
      this.kindFloors = { zh: floors(this.models.zh), en: floors(this.models.en) };
    }
  }

  /**
   * The intent of a message, read on its own and (`onTopic`) inside a conversation about an order.
   *
   * The ranking is first computed with the similarity only of the intents that could reach the bar
   * of their kind: an order-related intent under the order and open bars can never be taken. It
   * could still change a decision by standing above the intent taken (it would be the candidate and
   * fail, or be first in a message about another company), which needs that intent's confidence to
   * be under the skipped one's posterior^α. Then the ranking is computed again as `analyse` does,
   * with every intent that could reach the lowest bar, and the decision made again: decisions are
   * those of the whole ranking. A parse on CrossWOZ, heldout-18 and heldout-4 went from 58–61 to 52–54 µs.
   */
  parse(text: string): NluResult {
    const { entities, shown, read, ctx, pinyin } = this.read(text);
    // A message both models read keeps each intent's better confidence: one model's skipped
    // similarity could hide behind the other's, so it is ranked in full at once.
    const both = readByBoth(read);
    const floors = both ? undefined : this.kindFloors;
    let ranking = this.rank(read, entities, floors, both);
    let decided = this.decide(ctx, ranking);
    if (floors && this.skippedMightOutrank(ranking, [decided.intent, decided.onTopic])) {
      ranking = this.rank(read, entities, undefined, both);
      decided = this.decide(ctx, ranking);
    }
    // "试了好几次了还是不行 转人工": a request for a person in any clause is the message's intent.
    if (decided.intent.name !== 'human_agent') {
      const person = this.personInAClause(read);
      if (person) decided = { intent: person, onTopic: person };
    }
    // Keywords of a pinyin message are found in its characters and, like its other entities read there, cover the whole message.
    const keywords = pinyin
      ? this.keywords.find(read).map((e) => ({ ...e, start: 0, end: text.length }))
      : this.keywords.find(read);
    return { text, ...decided, elsewhere: ctx.elsewhere, pinyin, ranking, entities: [...shown, ...keywords] };
  }

  /**
   * A clause of a longer message that asks for a person, read as a message of its own. Clauses are
   * cut at punctuation, and in Chinese also at spaces (customers separate sentences with them).
   */
  private personInAClause(text: string): ScoredIntent | undefined {
    const clauses = text
      .split(HAN.test(text) ? CLAUSE_BREAK_ZH : CLAUSE_BREAK)
      .map((c) => c.trim())
      .filter((c) => c.length >= 2);
    if (clauses.length < 2) return undefined;
    for (const clause of clauses) {
      const { entities, read, ctx } = this.read(clause);
      const { intent } = this.decide(ctx, this.rank(read, entities));
      if (intent.name === 'human_agent') return intent;
    }
    return undefined;
  }

  private decide(
    ctx: MessageContext,
    ranking: readonly RankedIntent[],
  ): { intent: ScoredIntent; onTopic: ScoredIntent } {
    const intent = chooseIntent(ctx, ranking, this.bars);
    const onTopic =
      ctx.inDomain || ctx.elsewhere || ctx.justData
        ? intent
        : chooseIntent({ ...ctx, onTopic: true }, ranking, this.bars);
    return { intent, onTopic };
  }

  /** Could an intent ranked without its similarity have stood above one of the intents taken? */
  private skippedMightOutrank(ranking: readonly RankedIntent[], taken: readonly ScoredIntent[]): boolean {
    const lowest = Math.min(...taken.filter((t) => t.name !== 'out_of_scope').map((t) => t.confidence));
    // Posteriors are rounded to 4 decimals: the true one is at most 0.00005 more.
    return ranking.some(
      (r) => r.confidence === 0 && ORDER_RELATED_INTENTS.has(r.name) && (r.posterior + 5e-5) ** this.alpha >= lowest,
    );
  }

  /**
   * What the decision is made from: the entities, the ranking and the context of the text as the
   * models read it (traditional characters as simplified and written Cantonese's function words as
   * Mandarin, see script.ts; sound-alike typos of domain words as those words, see homophones.ts).
   * The entities' offsets are those of `text`: the conversion is only used when it keeps the length,
   * and the typo reading always does.
   */
  analyse(text: string): { entities: Entity[]; ranking: RankedIntent[]; ctx: MessageContext } {
    const { entities, read, ctx } = this.read(text);
    return { entities, ranking: this.rank(read, entities), ctx };
  }

  /**
   * The entities, the text as the models read it, and its context (see `analyse`). `entities` are
   * spans of `read`; `shown` are the customer's, spans of `text` (the same unless it was pinyin,
   * which the models read written back in characters: see pinyin.ts).
   */
  private read(text: string): {
    entities: Entity[];
    shown: Entity[];
    read: string;
    ctx: MessageContext;
    pinyin: boolean;
  } {
    if (isPinyin(text, (w) => this.pinyin.spellsDomainWord(w))) {
      const han = this.pinyin.toHan(text);
      // Written back in characters (a message of syllables no training phrase spells stays as it is).
      if (HAN.test(han)) {
        const inner = this.readAsWritten(han);
        // What only the characters show (dianxin → 电信, xinjiang → 新疆) has no span in the letters: it covers the whole message.
        const own = extractEntities(text, { plans: this.plans });
        const read = inner.entities
          .filter((e) => !own.some((o) => o.entity === e.entity))
          .map((e) => ({ ...e, start: 0, end: text.length }));
        return { ...inner, shown: [...own, ...read], pinyin: true };
      }
    }
    return { ...this.readAsWritten(text), pinyin: false };
  }

  private readAsWritten(text: string): { entities: Entity[]; shown: Entity[]; read: string; ctx: MessageContext } {
    const mandarin = toMandarin(text);
    const asWritten = mandarin.length === text.length ? mandarin : text;
    const entities = extractEntities(asWritten, { plans: this.plans });
    const read = this.homophones ? this.homophones.correct(asWritten) : asWritten;
    return { entities, shown: entities, read, ctx: this.context(read, entities) };
  }

  /** What the decision needs to know of a message besides its ranking. */
  context(text: string, entities: readonly Entity[]): MessageContext {
    const domain = this.domainOf(text);
    // The gate has already weighed operators' names (移动的宽带 is elsewhere, 淘宝买的联通卡 ours).
    const domainEntity = (e: Entity) =>
      DOMAIN_ENTITIES.has(e.entity) && !(domain === 'elsewhere' && e.entity === 'operator');
    const inDomain = entities.some(domainEntity) || domain === 'ours';
    const placeOrAge = entities.some((e) => PLACE_OR_AGE.has(e.entity));
    return { justData: justData(text, entities), inDomain, elsewhere: !inDomain && domain === 'elsewhere', placeOrAge };
  }

  /**
   * Every trained intent with its confidence (and the posterior behind it), best first. An intent
   * whose posterior is under its floor (by default, the one under which it could not reach the
   * lowest bar) is ranked with confidence 0. `both`: whether both models read the text (see
   * readByBoth), passed by a caller that has already asked.
   */
  rank(
    text: string,
    entities: readonly Entity[],
    floors?: Record<Language, Float64Array>,
    both = readByBoth(text),
  ): RankedIntent[] {
    // Looked up by their units (no string made per feature), except jieba+chars's, which are more.
    const units =
      this.segmenter === 'jieba+chars' ? undefined : featureUnits(text, entities, this.segmenter, this.correct);
    const features = units ? undefined : featurize(text, entities, this.segmenter, this.correct);
    const scoreWith = (lang: Language): RankedIntent[] => {
      const model = this.models[lang];
      const floor = floors?.[lang] ?? this.minPosterior;
      const { posterior, similarity } = units ? model.scoreUnits(units, floor) : model.score(features!, floor);
      return this.intents[lang].map((name, i) => ({
        name,
        confidence: similarity[i] ? round(posterior[i]! ** this.alpha * similarity[i]! ** (1 - this.alpha)) : 0,
        posterior: round(posterior[i]!),
      }));
    };
    let ranking = scoreWith(detectLanguage(text));
    if (both) {
      const en = new Map(scoreWith('en').map((r) => [r.name, r]));
      ranking = ranking.map((r) => {
        const e = en.get(r.name);
        return e && e.confidence > r.confidence ? e : r;
      });
    }
    return ranking.sort((a, b) => b.confidence - a.confidence);
  }
}

const CLAUSE_BREAK = /[,.;!?，。；！？、~…]+/;
const CLAUSE_BREAK_ZH = /[\s,.;!?，。；！？、~…]+/;

/** A Chinese message with English words ("why does it say 风控", "订单status") is read by both languages' models. */
function readByBoth(text: string): boolean {
  return detectLanguage(text) === 'zh' && latinWords(text).length >= 1;
}

const shared = new Map<string, NaturalNlu>();

/**
 * One trained engine per plan list for the whole process: training takes 1.1–2.6 s, and
 * every app instance built in the same process (tests, several listeners) can share it. With
 * `modelDir` (the app passes DATA_DIR/nlu-models), a start after the first loads the models saved
 * there instead of training them.
 */
export function sharedNaturalNlu(
  plans: readonly PlanRef[] = [],
  modelDir?: string,
  onModelSaveError?: (err: unknown) => void,
): NaturalNlu {
  const key = JSON.stringify(plans.map((p) => [p.id, p.name, p.operator, p.monthlyFee]));
  let nlu = shared.get(key);
  if (!nlu) {
    nlu = new NaturalNlu({ plans: new PlanMatcher(plans), modelDir, onModelSaveError });
    shared.set(key, nlu);
  }
  return nlu;
}
