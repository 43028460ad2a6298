/**
 * A monthly budget a customer states for a plan: "30以内", "每月不超过30块", "25元以下", "under 30",
 * "max ¥40 a month". The value is the most they will pay a month, in yuan. Numbers said as an age
 * (30岁以内) or as data (30G以内) are not budgets.
 */
import type { Entity } from './entities.js';

const PATTERNS: RegExp[] = [
  // 30以内 / 30块以下 / 30元之内 (not 30岁以内, 30G以内)
  /(?<![\d.])(\d{1,3})\s*(?:元|块钱?)?\s*(?:以内|以下|之内|内|封顶)(?![岁周])/g,
  // 不超过30 / 最多30块 / 低于30元
  /(?:不超过|不要超过|别超过|不高于|低于|少于|最多|顶多|预算)\s*(\d{1,3})(?![\d.]|\s*(?:岁|周岁|G|GB|个|天|%))/gi,
  /\b(?:under|below|less than|max(?:imum)?|at most|within|up to|no more than|budget(?: is| of)?)\s*(?:¥|rmb\s*|cny\s*|yuan\s*)?(\d{1,3})(?![\d.]|\s*(?:years?|yo|gb|g\b|days?|%))/gi,
];

export function extractBudget(text: string): Entity[] {
  const out: Entity[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const raw = m[1]!;
      const n = Number(raw);
      if (n < 5 || n > 500) continue;
      const start = m.index + m[0].indexOf(raw);
      if (!out.some((e) => e.start === start))
        out.push({ entity: 'budget', value: String(n), start, end: start + raw.length });
    }
  }
  return out;
}
