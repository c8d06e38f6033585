/**
 * V8's young generation grows to 16 MiB a half-space (32 MiB resident) in the allocation burst of
 * a first parse, and stays that size, where what the server keeps of a 6,400-line Pod is ~8 MiB.
 * Held at its initial size (1 MiB a half-space), peak memory over `npm run bench` drops by ~25 MiB
 * (147 → 122–126), for about 1 ms more collecting per keystroke in a 6,400-line Pod on the bench's
 * machine (a young collection per keystroke rather than one per ~15; README, "Memory"). V8 reads
 * the growth factor whenever it resizes the young generation, so setting it here, first thing,
 * takes effect; the half-space maximum itself is read once, when the heap is made: a node
 * command-line flag, which other editors' launchers (`node dist/server.js --stdio`) would not pass.
 * (Measured: given on node's own command line, `--semi-space-growth-factor=1` changes nothing on
 * Node 20; set here, the young generation stays at 1 MiB a half-space.)
 *
 * Tried and left (README): a full collection when a big file closes (the next big open 300–500 ms
 * slower, V8 growing the heap again through many collections), and a lower old-generation growth
 * factor (opening big files 12–60 % slower).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
