/**
 * V8 settings the executables (and `npm run bench`, which measures them) apply at start-up.
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
 * Node warns that changing V8 flags after start-up may misbehave in general; these two are only
 * read when V8 decides, after a collection, whether to pretenure a site or how much to grow the
 * young generation. They are set first thing, before any linting.
 */
import { setFlagsFromString } from 'node:v8';

let tuned = false;

/** Apply the settings once per process; later calls do nothing. */
export function tuneHeap(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--semi-space-growth-factor=8');
}
