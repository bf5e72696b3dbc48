/**
 * V8 settings the executables, the language server (and `npm run bench`, which measures them) apply at start-up.
 *
 * Allocation-site pretenuring: when V8 sees most objects from one allocation site survive a
 * young-generation collection, it allocates later objects from that site straight into the old
 * generation. Linting one large file (its syntax tree outlives several young collections) makes
 * V8 do that for the parser's node literals; every later small file's tree is then born old,
 * its young children are kept alive by those dead old nodes, and collections copy and promote
 * tens of megabytes each. Measured on the bench corpus after linting the 5,000-line file: lint
 * throughput fell from about 9.5 to 4-6 MB/s in most runs, parsing alone from 24 to 5-7 MB/s.
 * Syntax trees live for one file, so the heuristic never pays off here; turn it off.
 *
 * The young generation's largest size (`--max-semi-space-size`) is fixed when V8 starts, and the
 * portable shebang cannot pass it; how fast the young generation grows towards it is read at each
 * collection that grows it, so it can be set here: eight times instead of twice. A cold run over
 * many files keeps most of what it allocates early (parser, catalog, compiled code) and then
 * allocates a tree per file; starting from 1 MB and doubling, the young generation spent several
 * collections copying survivors on its way up. Measured on the bench folder of 1,000 rules (one
 * thread, `node --predictable`, callgrind): 7,842 M -> 7,453 M instructions, 28 -> 17 young
 * collections; one small file unchanged (718 M -> 716 M).
 *
 * Tier-up to TurboFan after four times V8's default interrupt budget (`--interrupt-budget`, read
 * when a function's feedback is set up, so it holds for everything the bundle compiles after
 * this). A run of the executables is short and cold: with the default, TurboFan compiled (on
 * the second core) and deoptimized functions that had not settled yet, such as the lodash
 * helpers Chevrotain calls while building the parser. Alternated wall times (8 December, 9 to 15
 * rounds each, medians): the bench folder of 1,000 rules 1,038 -> 968 ms, one 5,000-line file
 * 412 -> 351 ms, one small file 181 -> 174 ms; twice the default gave about half of that, eight
 * times less, half of it (16,384, a quarter) made the folder 20% slower.
 *
 * Node warns that changing V8 flags after start-up may misbehave in general; these are only read
 * when V8 decides, after a collection, whether to pretenure a site or how much to grow the young
 * generation, and when it sets up a function's budget. They are set first thing, before the
 * program bundle is compiled.
 */
import { setFlagsFromString } from 'node:v8';

let tuned = false;

/** Apply the settings once per process; later calls do nothing. */
export function tuneHeap(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--semi-space-growth-factor=8');
  setFlagsFromString('--interrupt-budget=270336');
}
