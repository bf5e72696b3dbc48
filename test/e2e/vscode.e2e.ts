/**
 * The extension in a real VS Code: code-server (installed by scripts/install-code-server.sh) with
 * the packaged .vsix installed, driven through Debian's Chromium by playwright-core. Opens the
 * seed v10 iRule in a temporary workspace set to BIG-IP 11.1 and checks what a user sees: the
 * finding in the Problems panel, the hover on `class`, the quick fix. Saves the screenshot the
 * README shows (docs/images/vscode-extension.png). Run with `npm run test:e2e`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const extPkg = JSON.parse(readFileSync(path.join(root, 'extension', 'package.json'), 'utf8')) as { name: string; version: string };
const vsix = path.join(root, 'extension', `${extPkg.name}-${extPkg.version}.vsix`);
const screenshot = path.join(root, 'docs', 'images', 'vscode-extension.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RULE = 'smtp_irule_v10.irule';
const TCL_RULE = 'smtp_relay.tcl';

/** The first synopsis line of `class` in the catalog: what the hover must show. */
const classSynopsis = (
  JSON.parse(readFileSync(path.join(root, 'grammar', 'commands', 'global.json'), 'utf8')) as { name: string; synopsis: string[] }[]
).find((c) => c.name === 'class')!.synopsis[0];

let tmp: string;
let server: ChildProcess | undefined;
let serverLog = '';
let context: BrowserContext | undefined;
let page: Page;

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers, or rejects after `ms`. */
async function waitForHttp(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`code-server did not answer at ${url} within ${ms} ms:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The text of the editor's visible lines (Monaco renders spaces as U+00A0). */
async function editorText(): Promise<string> {
  const lines = await page.locator('.monaco-editor .view-lines .view-line').allInnerTexts();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** Opens `file` with Quick Open, waiting for its row before Enter (pressing early can race), and for its text. */
async function quickOpen(file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: file }).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-line', { hasText: 'CLIENT_ACCEPTED' }).first().waitFor({ timeout: 30_000 });
}

/** The colour of the first token in the editor whose text (blanks aside) is `text`. */
function tokenColor(text: string): Promise<string> {
  return page.evaluate((t) => {
    const token = [...document.querySelectorAll('.monaco-editor .view-line span span')].find((e) => e.textContent?.replace(/\u00a0/g, ' ').trim() === t);
    return token ? getComputedStyle(token).color : `no token ${t}`;
  }, text);
}

/**
 * How many colours a keyword (`when`), a command (`snat`) and a variable name (`accepted_snat`,
 * set on line 2) have: 3 when highlighted, by the TextMate grammar at first and then by the
 * server's semantic tokens (which colour `automap`, a keyword argument of `snat`, like `when`).
 */
async function highlightedWords(): Promise<number> {
  return new Set([await tokenColor('when'), await tokenColor('snat'), await tokenColor('accepted_snat')]).size;
}

beforeAll(async () => {
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package:extension (npm run test:e2e does)`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const entry = execFileSync('bash', [path.join(root, 'scripts', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .pop()!;

  tmp = mkdtempSync(path.join(tmpdir(), 'irule-e2e-'));
  const dirs = Object.fromEntries(['workspace', 'user-data', 'extensions', 'xdg', 'chromium'].map((d) => [d, path.join(tmp, d)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const ws = dirs.workspace;
  copyFileSync(path.join(root, 'fixtures', 'seed', RULE), path.join(ws, RULE));
  copyFileSync(path.join(root, 'fixtures', 'seed', 'bigip.conf'), path.join(ws, 'bigip.conf'));
  // The same rule kept as .tcl, as many public iRules are: it must open as an iRule too.
  copyFileSync(path.join(root, 'fixtures', 'seed', RULE), path.join(ws, TCL_RULE));
  mkdirSync(path.join(ws, '.vscode'));
  writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'irule.bigipVersion': '11.1', 'irule.bigipConf': 'bigip.conf' }, null, 2));
  mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.colorTheme': 'Default Dark Modern', 'editor.hover.delay': 100, 'telemetry.telemetryLevel': 'off', 'workbench.reduceMotion': 'on' }),
  );

  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
  };
  const common = ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions];
  execFileSync(process.execPath, [entry, ...common, '--install-extension', vsix], { env, stdio: 'pipe' });

  const port = await freePort();
  server = spawn(
    process.execPath,
    [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common, ws],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (b: Buffer) => (serverLog += b.toString()));
  server.stderr!.on('data', (b: Buffer) => (serverLog += b.toString()));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);

  context = await chromium.launchPersistentContext(dirs.chromium, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } });
  await quickOpen(TCL_RULE);
  await quickOpen(RULE);
});

afterAll(async () => {
  await context?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the iRule extension in code-server', () => {
  it('opens a .tcl file holding an iRule in the irule language too', async () => {
    await page.locator('.tab', { hasText: TCL_RULE }).click();
    await page.locator(`.monaco-editor[data-uri$="/${TCL_RULE}"]`).waitFor({ timeout: 30_000 });
    // Plain text would leave every token the same colour; the iRule grammar tells them apart.
    await expect.poll(() => highlightedWords(), { timeout: 30_000 }).toBe(3);
    expect(await page.locator('.statusbar-item', { hasText: /^(iRule|Plain Text|Tcl)$/ }).first().innerText()).toBe('iRule');
    await page.locator('.tab', { hasText: RULE }).click();
    await page.locator(`.monaco-editor[data-uri$="/${RULE}"]`).waitFor({ timeout: 30_000 });
  });

  it('opens the .irule file in the irule language, highlighted by the grammar', async () => {
    await page.locator('.statusbar-item', { hasText: /^iRule$/ }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => highlightedWords(), { timeout: 15_000 }).toBe(3);
  });
  it('shows datagroup-global-reference in the Problems panel for BIG-IP 11.1', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'datagroup-global-reference' });
    await row.first().waitFor({ timeout: 60_000 });
    const text = await row.first().innerText();
    expect(text).toContain('smtp_relay_allowed');
    // The squiggle in the editor, on line 6.
    expect(await page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThan(0);
  });

  it('shows the synopsis of class on hover', async () => {
    // The `class` on line 6, so the screenshot shows the hover under the flagged line.
    const word = page.locator('.monaco-editor .view-line span', { hasText: /^class$/ }).nth(1);
    await word.hover();
    const hover = page.locator('.monaco-hover', { hasText: 'class match' }).first();
    await hover.waitFor({ timeout: 30_000 });
    // Monaco puts markdown code in <code>; compare text with non-breaking spaces normalised.
    expect((await hover.innerText()).replace(/\u00a0/g, ' ')).toContain(classSynopsis);
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.waitForTimeout(1000); // let the hover finish fading in
    await page.screenshot({ path: screenshot });
  });

  it('quick fix turns $::smtp_relay_allowed into smtp_relay_allowed', async () => {
    await page.keyboard.press('Escape');
    const ref = page.locator('.monaco-editor .view-line span', { hasText: '::smtp_relay_allowed' }).first();
    await ref.click();
    await page.keyboard.press('Control+.');
    const wanted = /Replace "\$::smtp_relay_allowed" with "smtp_relay_allowed"/;
    await page.locator('.action-widget .monaco-list-row', { hasText: wanted }).first().waitFor({ timeout: 30_000 });
    // Move the keyboard focus to the fix (the list also offers "disable for this line"), then apply it.
    const rows = await page.locator('.action-widget .monaco-list-row.action').count();
    for (let i = 0; i < rows && !wanted.test((await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label')) ?? ''); i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label')).toMatch(wanted);
    await page.keyboard.press('Enter');
    await expect.poll(editorText, { timeout: 15_000 }).toContain('equals smtp_relay_allowed]');
    expect(await editorText()).not.toContain('$::smtp_relay_allowed');
  });

  it('simulates clients with "iRule: Simulate clients…" and shows the outcome per client', async () => {
    await page.keyboard.press('Escape');
    await simulateCommand('Simulate clients…');
    // The input box's prompt (the choice before it mentions client addresses too).
    await page.locator('.quick-input-widget', { hasText: 'addr[:port]' }).waitFor({ timeout: 30_000 });
    // The first client with the destination it connects to (the virtual server's own), the second without.
    await page.keyboard.type('172.16.51.21 172.16.51.174:25, 172.16.51.23');
    await page.keyboard.press('Enter');
    // The report opens beside the rule; the quick fix above made the rule the v11 one.
    const report = page.locator('.monaco-editor', { hasText: 'client 172.16.51.23' }).first();
    await report.waitFor({ timeout: 30_000 });
    const text = (await report.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    expect(text).toMatch(/client 172\.16\.51\.21 \(port \d+\) to 172\.16\.51\.174:25\n/);
    expect(text).toMatch(/client 172\.16\.51\.21\b.*\n\s+events\s+CLIENT_ACCEPTED\n\s+snat\s+172\.16\.51\.174 \(set by the iRule\)/);
    expect(text).toMatch(/client 172\.16\.51\.23\b.*\n\s+events\s+CLIENT_ACCEPTED\n\s+snat\s+172\.16\.51\.175 \(automap/);
    expect(text).toMatch(/server\s+172\.16\.51\.3[12]:25 in \/Common\/smtp_pool/);
  });

  it('explains every client with "Explain all clients": only the allow-listed host relays', async () => {
    // Back to the rule: the simulation report beside it has the focus.
    await page.keyboard.press('Escape');
    await page.locator('.tab', { hasText: RULE }).first().click();
    await page.locator('.monaco-editor .view-line', { hasText: 'CLIENT_ACCEPTED' }).first().click();
    await simulateCommand('Explain all clients');
    const table = page.locator('.monaco-editor', { hasText: 'every other address' }).first();
    await table.waitFor({ timeout: 30_000 });
    const text = (await table.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    expect(text).toMatch(/172\.16\.51\.21\/32 -> snat 172\.16\.51\.174/);
    expect(text).toMatch(/every other address -> automap 172\.16\.51\.175/);
  });
});

/** Runs "iRule: Simulate clients…" from the command palette and picks `choice` in its first step. */
async function simulateCommand(choice: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.keyboard.type('iRule: Simulate clients');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Simulate clients' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  // The choice: typing filters the list to the wanted item, then Enter takes it.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Explain all clients' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.type(choice);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: choice }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

