/** Service names that BIG-IP configs write in place of port numbers (`172.16.51.174:smtp`). */

/** Port numbers of the service names seen in BIG-IP configs (from the usual /etc/services). */
export const SERVICE_PORTS: Readonly<Record<string, number>> = {
  any: 0,
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  dns: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  gopher: 70,
  finger: 79,
  http: 80,
  www: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  nntp: 119,
  ntp: 123,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  'netbios-ssn': 139,
  imap: 143,
  snmp: 161,
  'snmp-trap': 162,
  bgp: 179,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  smtps: 465,
  isakmp: 500,
  syslog: 514,
  rtsp: 554,
  submission: 587,
  ldaps: 636,
  ftps: 990,
  imaps: 993,
  pop3s: 995,
  socks: 1080,
  'ms-sql-s': 1433,
  radius: 1812,
  'radius-acct': 1813,
  mysql: 3306,
  'ms-wbt-server': 3389,
  rdp: 3389,
  sip: 5060,
  'sip-tls': 5061,
  postgresql: 5432,
  'http-alt': 8080,
};

/** A port given as a number (0–65535), a known service name, or `any`; undefined otherwise. */
export function parsePort(text: string): number | undefined {
  if (/^\d{1,5}$/.test(text)) {
    const n = Number(text);
    return n <= 65535 ? n : undefined;
  }
  return Object.prototype.hasOwnProperty.call(SERVICE_PORTS, text) ? SERVICE_PORTS[text] : undefined;
}
