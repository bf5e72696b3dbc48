/**
 * Which events a simulated connection walks through, and in what order the handlers of one event
 * run across several iRules. The flows themselves are the catalog's (`eventFlows()` in
 * grammar/events.json); the virtual server's profiles pick one and drop the steps whose event
 * needs a profile the virtual server does not have.
 */
import { eventFlows, getEvent } from '../../catalog/load.js';
import type { FlowStep } from '../../catalog/types.js';
import type { Handler, LoadedRule } from './load.js';

/** Catalog profile name for a configured profile type (`client-ssl` → `CLIENTSSL`, `websocket` → `WS`). */
export function catalogProfile(type: string): string {
  if (type === 'websocket') return 'WS';
  if (type === 'fastl4') return 'FASTL4';
  return type.toUpperCase().replace(/-/g, '');
}

/** A step of the walked flow. */
export interface SimStep {
  /** Event. */
  event: string;
  /** Fires only when something asks for it (a collect command, an explicit `--event`). */
  optional: boolean;
}

/**
 * The flow for a virtual server with these catalog profiles and transport: `tcp`, `http`, `https`
 * (client SSL and/or HTTP), `udp` or `udp-dns`, minus the steps whose event needs an absent profile.
 */
export function flowFor(profiles: ReadonlySet<string>, transport: 'tcp' | 'udp'): { name: string; steps: SimStep[] } {
  let name: string;
  if (transport === 'udp') name = profiles.has('DNS') ? 'udp-dns' : 'udp';
  else if (profiles.has('CLIENTSSL') || profiles.has('SERVERSSL')) name = 'https';
  else if (profiles.has('HTTP') || profiles.has('FASTHTTP')) name = 'http';
  else name = 'tcp';
  const flow = eventFlows().find((f) => f.name === name) ?? eventFlows()[0];
  // Profiles that only optional steps need (server SSL in the https flow): with the profile on the
  // virtual server those steps are not optional any more.
  const required = new Set(flow.steps.filter((s) => !s.optional).flatMap((s) => getEvent(s.event)?.profiles ?? []));
  const steps: SimStep[] = [];
  for (const s of flow.steps) {
    if (s.event === 'RULE_INIT') continue;
    if (!profilesAllow(s, profiles)) continue;
    const needs = getEvent(s.event)?.profiles ?? [];
    const byProfile = needs.some((p) => !required.has(p) && profiles.has(p));
    steps.push({ event: s.event, optional: s.optional === true && !byProfile });
  }
  return { name, steps };
}

/** Whether the virtual server's profiles let a flow step's event fire. */
function profilesAllow(step: FlowStep, profiles: ReadonlySet<string>): boolean {
  const needed = getEvent(step.event)?.profiles ?? [];
  return needed.length === 0 || needed.some((p) => profiles.has(p));
}

/**
 * The catalog profiles a default virtual server needs so that the rules' handlers can fire
 * (used when no configuration is given): the profiles of the events the rules handle.
 */
export function profilesForRules(rules: readonly LoadedRule[]): { profiles: Set<string>; transport: 'tcp' | 'udp' } {
  const profiles = new Set<string>();
  let udp = false;
  for (const r of rules) {
    for (const ev of r.handlers.keys()) {
      const spec = getEvent(ev);
      if (!spec) continue;
      if (spec.transport === 'udp') udp = true;
      // One profile is enough; prefer the plain protocol profile over its fast variants.
      const p = spec.profiles.includes('HTTP') ? 'HTTP' : spec.profiles[0];
      if (p) profiles.add(p);
    }
  }
  if (udp && !profiles.has('HTTP')) return { profiles, transport: 'udp' };
  return { profiles, transport: 'tcp' };
}

/**
 * Handlers of every event, sorted as BIG-IP runs them: by priority, then by attach order (a rule
 * may have several handlers of one event at different priorities; the sort is stable).
 */
export function handlersByEvent(rules: readonly LoadedRule[]): Map<string, Handler[]> {
  const out = new Map<string, Handler[]>();
  for (const r of rules) {
    for (const [event, hs] of r.handlers) {
      let list = out.get(event);
      if (!list) out.set(event, (list = []));
      list.push(...hs);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.priority - b.priority || a.rule.index - b.rule.index);
  return out;
}
