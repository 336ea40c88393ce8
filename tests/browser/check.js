// Opens an assetlint HTML report in headless Chromium (Debian's, through
// playwright-core; no browser download) and checks what a designer would
// rely on.  Usage:
//   node check.js PREFIX REPORT.html REPORT.json HOSTILE_NAME SCREENSHOT.png
// Exits non-zero with one line per failed check.
'use strict';
const path = require('path');
const [prefix, htmlPath, jsonPath, hostile, shot] = process.argv.slice(2);
const { chromium } = require(path.resolve(prefix, 'node_modules', 'playwright-core'));
const fs = require('fs');

const failures = [];
function check(ok, what) {
	console.log((ok ? 'ok   ' : 'FAIL ') + what);
	if (!ok) failures.push(what);
}

(async () => {
	const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
	const nFiles = json.files.length;
	const nFindings = json.files.reduce((n, f) => n + f.findings.length, 0) +
		json.sets.reduce((n, s) => n + s.findings.length, 0);
	const bySev = { error: 0, warning: 0, info: 0 };
	for (const f of json.files) for (const x of f.findings) bySev[x.severity]++;
	for (const s of json.sets) for (const x of s.findings) bySev[x.severity]++;

	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--no-first-run'],
	});
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	const pageUrl = 'file://' + path.resolve(htmlPath);
	const consoleErrors = [], pageErrors = [], requests = [], dialogs = [];
	page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
	page.on('pageerror', (e) => pageErrors.push(String(e)));
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith('data:') && u !== pageUrl) requests.push(u);
	});
	page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });

	await page.goto(pageUrl, { waitUntil: 'load' });

	const cards = await page.locator('article.card').count();
	check(cards === nFiles, `one card per file (${cards} cards, ${nFiles} files)`);
	const items = await page.locator('li.f').count();
	check(items === nFindings && items > 0, `every finding listed (${items} items, ${nFindings} in JSON)`);
	const imgs = await page.locator('article.card').evaluateAll((els) =>
		els.filter((e) => /url\("data:image\/(png|jpeg);base64,/.test(getComputedStyle(e).getPropertyValue('--img'))).length);
	check(imgs > 0, `cards carry an embedded image (${imgs})`);

	// The hostile name is text, and no element came from it.
	const paths = await page.locator('.path').allTextContents();
	check(paths.some((t) => t.endsWith(hostile)), 'hostile file name shown as text');
	const injected = await page.evaluate(() =>
		document.querySelectorAll('img[onerror], img[src="x"], [onerror], script:not(:last-of-type)').length);
	check(injected === 0, `no injected element (${injected})`);
	const scripts = await page.evaluate(() => document.scripts.length);
	check(scripts === 1, `exactly one script element (${scripts})`);
	const stray = await page.evaluate(() =>
		[...document.querySelectorAll('img')].filter((i) => !i.classList.contains('ov')).length);
	check(stray === 0, `only overlay <img> elements (${stray} others)`);

	// The inline script ran under the CSP (it adds class "js").
	const js = await page.evaluate(() => document.body.classList.contains('js'));
	check(js, 'inline script allowed by the CSP and ran');

	// Severity filter: unchecking "errors" hides every error finding.
	// content-visibility:auto (the big-run speed-up) leaves off-screen
	// cards unlaid-out, where neither getClientRects() nor checkVisibility()
	// tells what CSS hides: lay everything out for these checks.
	await page.addStyleTag({ content: '.card,.set{content-visibility:visible!important}' });
	const visible = (sel) => page.locator(sel).evaluateAll((els) =>
		els.filter((e) => e.checkVisibility() && e.getClientRects().length > 0).length);
	const errBefore = await visible('li.f.sev-error');
	check(errBefore === bySev.error, `error findings visible before filtering (${errBefore}/${bySev.error})`);
	await page.locator('input[data-sev="error"]').uncheck();
	const errAfter = await visible('li.f.sev-error');
	const warnAfter = await visible('li.f.sev-warning');
	check(errAfter === 0, `errors hidden by the filter (${errAfter} still visible)`);
	check(warnAfter === bySev.warning, `warnings still visible (${warnAfter}/${bySev.warning})`);
	await page.locator('input[data-sev="error"]').check();
	check(await visible('li.f.sev-error') === bySev.error, 'errors back after re-checking');

	// Files without findings are collapsed in each set; opening shows them.
	const clean = json.files.filter((f) => f.findings.length === 0).length;
	const shown = await visible('article.card');
	check(shown === nFiles - clean, `clean files collapsed (${shown} cards shown, ${nFiles - clean} with findings)`);
	await page.evaluate(() => document.querySelectorAll('details.okfiles').forEach((d) => { d.open = true; }));
	check(await visible('article.card') === nFiles, 'clean files shown when their set\'s list is opened');

	// Every box is labelled with its number and rule, in text.
	const boxes = await page.locator('svg rect.r').evaluateAll((els) => els.map((e) => ({
		id: e.getAttribute('data-box'), cls: e.getAttribute('class') })));
	const labels = await page.locator('.blbl').evaluateAll((els) => els.map((e) => ({
		id: e.getAttribute('data-box'), text: e.textContent, shown: e.checkVisibility() && e.getClientRects().length > 0 })));
	check(boxes.length > 0, `region boxes drawn (${boxes.length})`);
	const byId = new Map(labels.map((l) => [l.id, l]));
	const unlabelled = boxes.filter((b) => !byId.has(b.id) || !/^\d+ [a-z-]+$/.test(byId.get(b.id).text));
	check(unlabelled.length === 0, `every box has a "N rule" label (${unlabelled.length} without)`);
	check(labels.every((l) => l.shown), 'labels are shown with their boxes');
	// Readable without colour: the kinds of box differ in their stroke pattern.
	const dashes = await page.evaluate(() => ['r-text', 'r-grad', 'r-other'].map((c) => {
		const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
		r.setAttribute('class', 'r ' + c); svg.appendChild(r); document.body.appendChild(svg);
		const d = getComputedStyle(r).strokeDasharray; svg.remove(); return d; }));
	check(new Set(dashes).size === 3, `box kinds differ without colour (dash patterns ${dashes.join(' | ')})`);

	// Hovering a finding highlights its box and label; hovering the label
	// highlights the finding.
	const li = page.locator('li.f[data-box]').first();
	const id = await li.getAttribute('data-box');
	await li.scrollIntoViewIfNeeded();
	await li.hover();
	const lit = await page.evaluate((id) => [...document.querySelectorAll(`[data-box="${id}"]`)]
		.map((e) => e.classList.contains('hl')), id);
	check(lit.length === 3 && lit.every(Boolean), `hover on a finding highlights its box and label (${lit})`);
	await page.mouse.move(0, 0);
	const off = await page.evaluate((id) => document.querySelectorAll(`[data-box="${id}"].hl`).length, id);
	check(off === 0, 'highlight goes when the pointer leaves');
	await page.locator(`.blbl[data-box="${id}"]`).hover();
	const back = await page.evaluate((id) => document.querySelector(`li.f[data-box="${id}"]`).classList.contains('hl'), id);
	check(back, 'hover on a box label highlights its finding');
	await page.mouse.move(0, 0);

	// Overlay toggles.
	const masks = await page.locator('img.ov-bg').count();
	check(await visible('img.ov-bg') === 0, 'background overlay off by default');
	await page.locator('input[data-ov="bg"]').check();
	check(await visible('img.ov-bg') === masks && masks > 0, `background overlay shown (${masks})`);
	await page.locator('input[data-ov="bg"]').uncheck();
	// Every hero card with a preview gets the free zone and the marketplace
	// text (a file of unknown role nearest to the hero counts as a hero).
	const heroes = await page.locator('article.card.hero .stage').count();
	const jsonHeroes = json.files.filter((f) => f.role === 'hero' && f.format &&
		!f.findings.some((x) => x.rule === 'decode-error' || x.rule === 'too-large')).length;
	check(heroes >= jsonHeroes, `hero cards with a preview (${heroes}, ${jsonHeroes} decodable heroes in JSON)`);
	const zones = await page.locator('svg .fz').count();
	check(await visible('svg .fz') === zones && zones === heroes, `hero free zones drawn (${zones}/${heroes})`);
	await page.locator('input[data-ov="fz"]').uncheck();
	check(await visible('svg .fz') === 0, 'free zone toggle hides them');
	await page.locator('input[data-ov="fz"]').check();
	const mt = await page.locator('div.mt').count();
	check(await visible('div.mt') === mt && mt === heroes, `marketplace text shown on heroes (${mt}/${heroes})`);

	await page.screenshot({ path: shot, fullPage: true, timeout: 180000 });

	check(dialogs.length === 0, `no dialogs (${dialogs.join('; ')})`);
	check(pageErrors.length === 0, `no page errors (${pageErrors.join('; ')})`);
	check(consoleErrors.length === 0, `no console errors or CSP violations (${consoleErrors.join('; ')})`);
	check(requests.length === 0, `no network requests (${requests.join(' ')})`);
	await browser.close();
	if (failures.length) {
		console.log(`${failures.length} browser check(s) failed`);
		process.exit(1);
	}
	console.log('all browser checks passed');
})().catch((e) => { console.error(e); process.exit(1); });
