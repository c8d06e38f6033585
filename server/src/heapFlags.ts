/**
 * V8's young generation grows to 16 MiB a half-space (32 MiB resident) in the allocation burst of
 * a first parse, and stays that size, where what the server keeps of a 6,400-line Pod is ~15 MiB.
 * Held at its initial size (1 MiB a half-space), peak memory over `npm run bench` drops by ~25 MiB
 * with no row of the bench slower (README, "Speed"). V8 reads the growth factor whenever it
 * resizes the young generation, so setting it here, first thing, takes effect; the half-space
 * maximum itself is read once, when the heap is made: a node command-line flag, which other
 * editors' launchers (`node dist/server.js --stdio`) would not pass.
 *
 * Tried and left: a full collection when a big file closes gives its memory back (peak 80 MiB
 * instead of 100 over the bench's files) but makes the next big open ~25–100 % slower, V8 growing
 * the heap again through many more collections.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
