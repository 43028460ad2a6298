/**
 * Conversation stories as data (test/stories/*.story), in the spirit of Rasa's test stories:
 *
 *   ## title
 *   locale: en                 (optional; the conversation is opened in this locale)
 *   user: what the customer types
 *   bot: text the bot's replies to that message must contain
 *   bot: @failure AGE_RESTRICTED   (the reason's title in the story's locale)
 *   bot: @status shipped           (the status's text in the story's locale)
 *   bot-not: text that must not appear
 *   expect: handoff            (a check by name, see conversation-checks.ts; the conversation
 *                               evaluation's sets in test/conversations/ use them)
 */
import fs from 'node:fs';
import path from 'node:path';

export interface StoryTurn {
  user: string;
  expect: string[];
  forbid: string[];
  /** `expect:` lines: named checks with their argument ("plans-ship-to 新疆"). */
  checks: string[];
  line: number;
}

export interface Story {
  title: string;
  file: string;
  locale?: 'zh-CN' | 'en';
  turns: StoryTurn[];
}

export function parseStories(file: string): Story[] {
  const stories: Story[] = [];
  let story: Story | null = null;
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || (line.startsWith('#') && !line.startsWith('## '))) return;
      const where = `${path.basename(file)}:${i + 1}`;
      if (line.startsWith('## ')) {
        story = { title: line.slice(3).trim(), file: path.basename(file), turns: [] };
        stories.push(story);
        return;
      }
      if (!story) throw new Error(`${where}: a story starts with "## title"`);
      const m = /^(locale|user|bot|bot-not|expect):\s?(.*)$/.exec(line);
      if (!m) throw new Error(`${where}: expected locale:, user:, bot:, bot-not: or expect:`);
      const [, key, value] = m as unknown as [string, string, string];
      const s: Story = story;
      if (key === 'locale') {
        if (value !== 'en' && value !== 'zh-CN') throw new Error(`${where}: locale is en or zh-CN`);
        s.locale = value;
      } else if (key === 'user') {
        s.turns.push({ user: value, expect: [], forbid: [], checks: [], line: i + 1 });
      } else {
        const turn = s.turns.at(-1);
        if (!turn) throw new Error(`${where}: "${key}:" before any "user:"`);
        (key === 'bot' ? turn.expect : key === 'bot-not' ? turn.forbid : turn.checks).push(value.trim());
      }
    });
  return stories;
}

export function loadStories(dir: string): Story[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.story'))
    .sort()
    .flatMap((f) => parseStories(path.join(dir, f)));
}
