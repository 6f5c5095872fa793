// Change levels: what a change to the API description does to the generated client.

/** From least to most severe. */
export const LEVELS = ['none', 'fix', 'feature', 'breaking'] as const;
export type Level = (typeof LEVELS)[number];
/** The level of one change (a change is never "none"). */
export type ChangeLevel = Exclude<Level, 'none'>;

/** One classified change, with a message for the changeset. */
export interface Change {
  level: ChangeLevel;
  message: string;
}

/** Where a schema is used: sent by the client, received by it, or (unknown use) both. */
export type Direction = 'request' | 'response' | 'both';

export const rank = (level: Level): number => LEVELS.indexOf(level);

/** The most severe of `levels`; `none` for none. */
export const maxLevel = (...levels: Level[]): Level =>
  levels.reduce<Level>((a, b) => (rank(b) > rank(a) ? b : a), 'none');

/** What a change means in a request, in a response, and (unknown use) the worse of both. */
export const byDirection = (dir: Direction, inRequest: ChangeLevel, inResponse: ChangeLevel): ChangeLevel =>
  dir === 'request' ? inRequest : dir === 'response' ? inResponse : (maxLevel(inRequest, inResponse) as ChangeLevel);
