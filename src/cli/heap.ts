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
 * The young generation's size (`--max-semi-space-size`) is fixed when V8 starts, so it stays
 * in the executables' shebang and in the bench command; this flag can be set while running.
 * Node warns that changing V8 flags after start-up may misbehave in general; this one is only
 * read when V8 decides, after a collection, whether to pretenure a site, and off it simply never
 * does. It is set first thing, before any linting.
 */
import { setFlagsFromString } from 'node:v8';

let tuned = false;

/** Apply the settings once per process; later calls do nothing. */
export function tuneHeap(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}
