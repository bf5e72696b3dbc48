/** Every iRule command module of the simulator, installed on top of the Tcl builtins. */
import type { Interp } from '../interp.js';
import { install as installClass } from '../builtins/irule-class.js';
import { install as installFlow } from '../builtins/irule-flow.js';
import { install as installHsl } from '../builtins/irule-hsl.js';
import { install as installHttp } from '../builtins/irule-http.js';
import { install as installIp } from '../builtins/irule-ip.js';
import { install as installLb } from '../builtins/irule-lb.js';
import { install as installMisc } from '../builtins/irule-misc.js';
import { install as installPersist } from '../builtins/irule-persist.js';
import { install as installTable } from '../builtins/irule-table.js';
import { install as installTcp } from '../builtins/irule-tcp.js';
import { install as installUri } from '../builtins/irule-uri.js';
import type { SimContext } from './context.js';

/** The installers, in a fixed order. */
export const IRULE_BUILTINS: readonly ((interp: Interp, ctx: SimContext) => void)[] = [
  installFlow,
  installLb,
  installClass,
  installIp,
  installTcp,
  installHttp,
  installUri,
  installTable,
  installPersist,
  installHsl,
  installMisc,
];
