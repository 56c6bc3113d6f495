import { readEvents, type EventOptions, type LogEvent, type ReadStats } from '../../src/index.js';

/** Path of a fixture in fixtures/container/. */
export const containerFixture = (name: string): string => new URL(`../../fixtures/container/${name}`, import.meta.url).pathname;

/** Every event of a fixture in fixtures/container/, and the read counts. */
export async function readContainerFixture(name: string, options: EventOptions = {}): Promise<{ events: LogEvent[]; stats: ReadStats }> {
  const source = readEvents(containerFixture(name), options);
  const events: LogEvent[] = [];
  for await (const event of source) events.push(event);
  return { events, stats: source.stats };
}
