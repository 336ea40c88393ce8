// The HTML report of a big run in headless Chromium: the page must open
// (load event) in under MAX_MS, show the index of sets first, and keep the
// files without findings collapsed.  Usage:
//   node big.js PREFIX REPORT.html REPORT.json SCREENSHOT.png MAX_MS
'use strict';
const path = require('path');
const fs = require('fs');
const [prefix, htmlPath, jsonPath, shot, maxMs] = process.argv.slice(2);
const { chromium } = require(path.resolve(prefix, 'node_modules', 'playwright-core'));

const failures = [];
function check(ok, what) {
	console.log((ok ? 'ok   ' : 'FAIL ') + what);
	if (!ok) failures.push(what);
}

(async () => {
	const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
	const nFiles = json.files.length;
	const withFindings = json.files.filter((f) => f.findings.length > 0).length;
	const bytes = fs.statSync(htmlPath).size;
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	const url = 'file://' + path.resolve(htmlPath);
	// Best of three loads: the machine is shared, the page is not what varies.
	let best = Infinity, wall = Infinity;
	for (let i = 0; i < 3; i++) {
		const t0 = Date.now();
		await page.goto(url, { waitUntil: 'load', timeout: 120000 });
		wall = Math.min(wall, Date.now() - t0);
		const nav = await page.evaluate(() => {
			const n = performance.getEntriesByType('navigation')[0];
			return n.loadEventEnd - n.startTime;
		});
		best = Math.min(best, nav);
	}
	console.log(`page: ${(bytes / 1048576).toFixed(1)} MB for ${nFiles} files ` +
		`(${withFindings} with findings); load event after ${best.toFixed(0)} ms ` +
		`(navigation timing; ${wall} ms wall clock, best of 3)`);
	check(best < Number(maxMs), `opens in under ${maxMs} ms (${best.toFixed(0)} ms)`);
	await page.screenshot({ path: shot });

	const index = await page.locator('details.index > summary').textContent();
	check(/^Index of \d+ sets: /.test(index), `index of sets first (${index})`);
	const firstCard = await page.locator('article.card').first().boundingBox();
	const indexBox = await page.locator('details.index').boundingBox();
	check(indexBox && indexBox.y < 300, 'the index is at the top of the page');
	check(firstCard && firstCard.y < 900, `the first card is on the first screen (y ${firstCard && firstCard.y})`);
	const cards = await page.locator('article.card').count();
	check(cards === withFindings, `cards only for files with findings (${cards}/${withFindings})`);
	const listed = await page.locator('details.okfiles li').count();
	check(listed === nFiles - withFindings, `files without findings listed by name (${listed})`);
	await browser.close();
	if (failures.length) {
		console.log(`${failures.length} check(s) failed`);
		process.exit(1);
	}
})().catch((e) => { console.error(e); process.exit(1); });
