/**
 * The seed and length of a randomised test, from the environment: the same run every time unless
 * asked otherwise, and the seed always printed so that any run can be replayed.
 *
 *   <NAME>_SEED=<n>       replays the run of seed n
 *   <NAME>_SEED=random    a new random seed (SEED=random: for every randomised test at once)
 *   <NAME>_EDITS=<n>      the number of random edits (npm run test:random runs the long lengths)
 */

export interface RandomRun {
  seed: number;
  edits: number;
  /** How to replay this run, for test names and failure messages. */
  replay: string;
}

export function randomRun(name: 'REPARSE' | 'FUZZ', defaults: { seed: number; edits: number }): RandomRun {
  const asked = process.env[`${name}_SEED`] ?? process.env.SEED;
  const seed = asked === undefined || asked === '' ? defaults.seed : asked === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(asked);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`${name}_SEED must be a non-negative integer or "random", not "${asked}"`);
  const edits = Number(process.env[`${name}_EDITS`] ?? defaults.edits);
  if (!Number.isInteger(edits) || edits < 0) throw new Error(`${name}_EDITS must be a non-negative integer, not "${process.env[`${name}_EDITS`]}"`);
  const replay = `${name}_SEED=${seed} ${name}_EDITS=${edits}`;
  const origin = asked === undefined || asked === '' ? `the fixed default; ${name}_SEED=random for a new one` : asked === 'random' ? 'random' : 'as asked';
  console.log(`${name.toLowerCase()}: seed ${seed} (${origin}), ${edits} edits; replay with ${replay}`);
  return { seed, edits, replay };
}
