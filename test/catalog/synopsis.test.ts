/**
 * The usage-line reader of the catalog generator (scripts/gen-catalog.synopsis.mjs): the three
 * notations it meets, what it refuses, and the forms it builds.
 */
import { describe, expect, it } from 'vitest';
import { buildForm, parseLine, typeOf } from '../../scripts/gen-catalog.synopsis.mjs';

/** The form built from usage lines of one command; throws when a line is not readable. */
function formOf(name: string, ...lines: string[]) {
  const forms = lines.flatMap((l) => {
    const r = parseLine(name, l);
    if (r.status !== 'ok') throw new Error(`${r.status}: ${r.reason}`);
    return r.forms;
  });
  return buildForm(forms);
}

describe('typeOf', () => {
  it('types placeholders from their names', () => {
    expect(typeOf('IP_ADDR')).toBe('ipAddress');
    expect(typeOf('addr')).toBe('ipAddress');
    expect(typeOf('PORT')).toBe('port');
    expect(typeOf('POOL_OBJ')).toBe('pool');
    expect(typeOf('pool_name')).toBe('pool');
    expect(typeOf('SNAT_POOL_OBJ')).toBe('snatPool');
    expect(typeOf('CLASS_OBJ')).toBe('dataGroup');
    expect(typeOf('data group')).toBe('dataGroup');
    expect(typeOf('VAR_NAME')).toBe('varName');
    expect(typeOf('NESTING_SCRIPT')).toBe('script');
    expect(typeOf('LENGTH')).toBe('integer');
    expect(typeOf('0-1000')).toBe('integer');
    expect(typeOf('BOOLEAN')).toBe('bool');
    expect(typeOf('DNS_CLASS')).toBe('any');
    expect(typeOf('IP_TUPLE')).toBe('any');
  });
});

describe('parseLine', () => {
  it('reads tmsh man-page grammar', () => {
    const r = parseLine('snatpool', 'snatpool SNAT_POOL_OBJ (member IP_ADDR)?');
    expect(r.status).toBe('ok');
    expect(formOf('snatpool', 'snatpool SNAT_POOL_OBJ (member IP_ADDR)?').form).toEqual({
      positionals: [
        { name: 'SNAT_POOL_OBJ', type: 'snatPool' },
        { name: 'member', type: 'any', literal: ['member'], optional: true },
        { name: 'IP_ADDR', type: 'ipAddress', optional: true },
      ],
    });
  });

  it('reads clouddocs notation, with a|b binding tighter than the sequence', () => {
    const { form } = formOf('table', 'table timeout|lifetime [-subtable <name>] [-remaining] [--] <key> [<value>]');
    expect(Object.keys(form.subcommands!)).toEqual(['lifetime', 'timeout']);
    expect(form.subcommands!.timeout).toEqual({
      switches: [{ name: '-subtable', value: 'any' }, { name: '-remaining' }],
      endOfOptions: true,
      positionals: [{ name: 'key', type: 'any' }, { name: 'value', type: 'any', optional: true }],
    });
  });

  it('reads a top-level alternation into subcommands and positionals', () => {
    const { form, approx } = formOf('snat', 'snat <addr> [<port>] | none | automap');
    expect(approx).toBe(false);
    expect(form).toEqual({
      subcommands: { automap: { positionals: [] }, none: { positionals: [] } },
      positionals: [{ name: 'addr', type: 'ipAddress' }, { name: 'port', type: 'port', optional: true }],
    });
  });

  it('reads Tcl man-page notation', () => {
    expect(formOf('xff_list', 'xff_list ?xff_header_name?').form).toEqual({ positionals: [{ name: 'xff_header_name', type: 'any', optional: true }] });
  });

  it('turns (A B)# option groups into switches', () => {
    const { form } = formOf('ACCESS::session', "ACCESS::session create (('-flow')? ('-timeout' TIMEOUT)? ('-lifetime' LIFETIME)?)#");
    expect(form.subcommands!.create!.switches).toEqual([{ name: '-flow' }, { name: '-timeout', value: 'any' }, { name: '-lifetime', value: 'any' }]);
  });

  it('merges forms that extend one another into optional positionals', () => {
    const { form, approx } = formOf('HTTP::collect', 'HTTP::collect', 'HTTP::collect <length>');
    expect(approx).toBe(false);
    expect(form).toEqual({ positionals: [{ name: 'length', type: 'integer', optional: true }] });
  });

  it('loosens forms that cannot be merged, and says so', () => {
    const { approx } = formOf('snat', 'snat (automap | none | IP_TUPLE | (IP_ADDR (PORT)?))', 'snat <addr> [<port>]');
    expect(approx).toBe(true);
  });

  it('marks truncated lines as broken, prose and examples as junk', () => {
    expect(parseLine('LB::mode', 'LB::mode [default | rr | roundrobin | leastconns |').status).toBe('broken');
    expect(parseLine('SSL::cipher', 'SSL::cipher (bits | name | version |').status).toBe('broken');
    expect(parseLine('crc32', 'crc32 returns a number, or the empty string if an error occurs. CRC').status).toBe('junk');
    expect(parseLine('call', 'call my_proc $args').status).toBe('junk');
    expect(parseLine('class', 'class match [HTTP::uri] ends_with image_class').status).toBe('junk');
    expect(parseLine('priority', 'when <EVENT> priority <0-1000> {...}').status).toBe('junk');
    expect(parseLine('HTTP::header', 'HTTP::header <subcommand> ?arg ...?').status).toBe('generic');
  });
});
