// The HTML report of a big run in headless Chromium.  Such a run is written
// as an index page and a page per set (REPORT_files/ beside it): the index
// and a set page must each open (load event) in under MAX_MS; the index of
// sets comes first; every file with findings has its card on the pages,
// and the files without findings are listed by name, collapsed.  Usage:
//   node big.js PREFIX REPORT.html REPORT.json SCREENSHOT.png MAX_MS
// (also writes SCREENSHOT-set.png: the first set page with findings).
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

// Best of three loads: the machine is shared, the page is not what varies.
async function timedLoad(page, file) {
	const url = 'file://' + path.resolve(file);
	let best = Infinity;
	for (let i = 0; i < 3; i++) {
		await page.goto(url, { waitUntil: 'load', timeout: 120000 });
		const nav = await page.evaluate(() => {
			const n = performance.getEntriesByType('navigation')[0];
			return n.loadEventEnd - n.startTime;
		});
		best = Math.min(best, nav);
	}
	return best;
}

(async () => {
	const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
	const nFiles = json.files.length;
	const withFindings = json.files.filter((f) => f.findings.length > 0).length;
	const pagesDir = htmlPath.replace(/\.html?$/i, '') + '_files';
	const pages = fs.existsSync(pagesDir)
		? fs.readdirSync(pagesDir).filter((n) => /^set-[0-9-]+\.html$/.test(n)) : [];
	let bytes = fs.statSync(htmlPath).size, cards = 0, listed = 0, biggest = 0;
	for (const n of pages) {
		const t = fs.readFileSync(path.join(pagesDir, n), 'utf8');
		bytes += t.length;
		biggest = Math.max(biggest, t.length);
		cards += (t.match(/<article class="card /g) || []).length;
		for (const d of t.match(/<details class="okfiles">[\s\S]*?<\/details>/g) || [])
			listed += (d.match(/<li>/g) || []).length;
	}
	check(pages.length > 1, `written as an index and ${pages.length} set pages ` +
		`(${(bytes / 1048576).toFixed(1)} MB in all, the biggest page ` +
		`${(biggest / 1024).toFixed(0)} KB)`);
	check(cards === withFindings, `cards only for files with findings (${cards}/${withFindings})`);
	check(listed === nFiles - withFindings, `files without findings listed by name (${listed})`);

	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	const tIndex = await timedLoad(page, htmlPath);
	console.log(`index page: ${(fs.statSync(htmlPath).size / 1024).toFixed(0)} KB for ` +
		`${nFiles} files (${withFindings} with findings); load event after ` +
		`${tIndex.toFixed(0)} ms (navigation timing, best of 3)`);
	check(tIndex < Number(maxMs), `the index opens in under ${maxMs} ms (${tIndex.toFixed(0)} ms)`);
	await page.screenshot({ path: shot });
	const index = await page.locator('details.index > summary').textContent();
	check(/^Index of \d+ sets: /.test(index), `index of sets first (${index})`);
	const indexBox = await page.locator('details.index').boundingBox();
	check(indexBox && indexBox.y < 300, 'the index is at the top of the page');
	const link = page.locator('details.index table a').first();
	const href = await link.getAttribute('href');
	check(href && /_files\/set-\d+\.html$/.test(href), `the index links to set pages (${href})`);

	// The first set with findings, reached through the index's link.
	await link.click();
	await page.waitForLoadState('load');
	const setUrl = page.url();
	const tSet = await timedLoad(page, decodeURIComponent(new URL(setUrl).pathname));
	check(tSet < Number(maxMs), `a set page opens in under ${maxMs} ms (${tSet.toFixed(0)} ms)`);
	const firstCard = await page.locator('article.card').first().boundingBox();
	check(firstCard && firstCard.y < 900,
		`the set page shows a card on the first screen (y ${firstCard && firstCard.y})`);
	const back = await page.locator('nav.pages a').first().getAttribute('href');
	check(back && back.endsWith(path.basename(htmlPath)), `the set page links back to the index (${back})`);
	await page.screenshot({ path: shot.replace(/\.png$/, '-set.png') });
	await browser.close();
	if (failures.length) {
		console.log(`${failures.length} check(s) failed`);
		process.exit(1);
	}
})().catch((e) => { console.error(e); process.exit(1); });
