/**
 * `irule-sim --destination` and the destination column of `--clients` files, on the outbound
 * gateway scenario (fixtures/sim/outbound-gateway): the virtual server chosen by destination, the
 * route in the JSON result, and the input problems.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSim } from '../../../src/cli/sim/run.js';
import { parseClientList } from '../../../src/sim/irule/clients.js';

const dir = fileURLToPath(new URL('../../../fixtures/sim/outbound-gateway/', import.meta.url));

async function sim(argv: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runSim(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => new Uint8Array(), cwd });
  return { code, stdout, stderr };
}

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'irule-sim-dest-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('--destination', () => {
  it('applies to every client, picks the virtual server, and the JSON carries destination and route', async () => {
    const r = await sim(['outbound_snat.irule', '--bigip-conf', 'bigip.conf', '--client', '10.10.0.50', '--client', '10.10.0.51', '--destination', '8.8.8.8:80', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { virtual: string; results: { destination: string; member: string; egress: unknown }[] };
    expect(out.virtual).toBe('/Common/web_out_vs');
    expect(out.results.map((x) => [x.destination, x.member])).toEqual([
      ['8.8.8.8:80', '8.8.8.8:80'],
      ['8.8.8.8:80', '8.8.8.8:80'],
    ]);
    expect(out.results[0].egress).toEqual({ vlan: '/Common/outside', decidedBy: 'route /Common/default_gw (0.0.0.0/0 via 203.0.113.254)', route: '/Common/default_gw' });
  });

  it('a client file destination wins over --destination for its client', async () => {
    const file = path.join(tmp, 'clients.txt');
    await writeFile(file, '10.10.0.50 198.51.100.7:443\n10.10.0.51\n');
    const r = await sim(['outbound_snat.irule', '--bigip-conf', 'bigip.conf', '--clients', file, '--destination', '8.8.8.8:443', '--format', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { results: { destination: string }[] };
    expect(out.results.map((x) => x.destination)).toEqual(['198.51.100.7:443', '8.8.8.8:443']);
  });

  it('a bad destination is a usage error', async () => {
    const r = await sim(['outbound_snat.irule', '--bigip-conf', 'bigip.conf', '--destination', '8.8.8.300:443']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("irule-sim: --destination: bad destination address '8.8.8.300:443' (expected IPv4 or IPv6, optionally with %route-domain and :port)\n");
  });

  it('the wildcard virtual server takes what no more specific one does', async () => {
    const none = await sim(['outbound_snat.irule', '--bigip-conf', 'bigip.conf', '--client', '192.0.2.50', '--destination', '203.0.113.25:26']);
    expect(none.stderr).toBe('');
    // 203.0.113.25:26 is taken by the wildcard virtual server, which listens on inside only for
    // traffic BIG-IP receives there; the simulator does not know the ingress VLAN, so it is chosen.
    expect(none.stdout).toMatch(/^irule-sim: \/Common\/outbound_vs /);
  });
});

describe('clients file columns', () => {
  it('reads an optional destination per line, IPv6 in brackets too', () => {
    expect(parseClientList('10.0.0.1 203.0.113.5:443 # comment\n[2001:db8::1]:5000 [2001:db8::80]:80\n10.0.0.2\n')).toEqual([
      { address: '10.0.0.1', destination: { address: '203.0.113.5', port: 443 } },
      { address: '2001:db8::1', port: 5000, destination: { address: '2001:db8::80', port: 80 } },
      { address: '10.0.0.2' },
    ]);
  });

  it('names the line of a bad destination or an extra column', () => {
    expect(parseClientList('10.0.0.1 nowhere\n')).toEqual({ error: "bad destination address 'nowhere' (expected IPv4 or IPv6, optionally with %route-domain and :port)", line: 1 });
    expect(parseClientList('\n10.0.0.1 10.0.0.2 10.0.0.3\n')).toEqual({ error: "unexpected '10.0.0.3': a line holds a client and optionally its destination", line: 2 });
  });
});
