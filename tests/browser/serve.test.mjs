// serve.test.mjs BASE_URL SHOT_DIR: dixit serve's page in Debian's
// headless Chromium, driven by puppeteer-core (never a downloaded
// browser). tests/browser.sh indexes the corpus, starts the server and
// runs this; each check prints "ok" or "FAIL" as tests/check.sh does, and
// the status is 1 when one failed. Screenshots go to SHOT_DIR.
import puppeteer from 'puppeteer-core';
import assert from 'node:assert/strict';
import path from 'node:path';

const base = (process.argv[2] || '').replace(/\/$/, '');
const shots = process.argv[3];
if (!base) {
  console.error('usage: node serve.test.mjs BASE_URL [SHOT_DIR]');
  process.exit(2);
}
const TIMEOUT = 10000;

// ---------------------------------------------------------------- the runner
let n = 0, fails = 0;
async function check(name, fn) {
  n++;
  try {
    await fn();
    console.log('ok   ' + name);
  } catch (e) {
    fails++;
    console.log('FAIL ' + name + '\n     ' + String(e && e.stack || e).split('\n').slice(0, 6).join('\n     '));
  }
}

async function api(p) {
  const res = await fetch(base + p);
  assert.equal(res.status, 200, p + ' answered ' + res.status);
  return res.json();
}
// code-point slices, as the records count
const cpSlice = (text, s, e) => Array.from(text).slice(s, e).join('');

// ---------------------------------------------------------------- the browser
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // --no-sandbox: CI runs as root; --disable-dev-shm-usage: containers have a small /dev/shm
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=en-US', '--no-first-run', '--disable-gpu'],
});

// Everything every page must never do: errors in the console, uncaught
// exceptions, a dialog, a call to alert/confirm/prompt (recorded by an
// override installed before any script of the page), a CSP violation.
const trouble = [];
async function newPage(opts = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.setDefaultTimeout(TIMEOUT);
  await page.evaluateOnNewDocument((lang) => {
    window.__alerts = [];
    window.__csp = [];
    for (const f of ['alert', 'confirm', 'prompt'])
      window[f] = (...a) => { window.__alerts.push(f + '(' + a.join(',') + ')'); };
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    if (lang) {
      Object.defineProperty(navigator, 'language', { get: () => lang });
      Object.defineProperty(navigator, 'languages', { get: () => [lang] });
    }
  }, opts.lang || null);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'assert') trouble.push('console: ' + m.text());
  });
  page.on('pageerror', (e) => trouble.push('pageerror: ' + e.message));
  page.on('dialog', async (d) => { trouble.push('dialog: ' + d.type() + ' ' + d.message()); await d.dismiss(); });
  page.on('response', (r) => { if (r.status() >= 400) trouble.push('HTTP ' + r.status() + ' ' + r.url()); });
  return page;
}
// The view of the current hash is drawn (main[data-shown], set by app.js).
async function settled(page) {
  await page.waitForFunction(() => {
    const m = document.getElementById('main');
    return m && m.getAttribute('aria-busy') === 'false' && m.dataset.shown === location.hash;
  });
}
async function go(page, hash) {
  await page.goto(base + '/' + hash);
  await settled(page);
}
async function clickAndSettle(page, selectorOrHandle) {
  const before = await page.evaluate(() => location.hash);
  if (typeof selectorOrHandle === 'string') await page.click(selectorOrHandle);
  else await selectorOrHandle.click();
  await page.waitForFunction((b) => location.hash !== b, {}, before);
  await settled(page);
}
const results = (page) => page.$$eval('.results .result', (els) => els.map((e) => ({
  quotation: e.querySelector('blockquote').textContent,
  speaker: e.querySelector('.speaker').textContent,
  date: (e.querySelector('time') || {}).textContent || null,
  attribution: e.dataset.attribution,
})));
async function guarded(page) {
  const g = await page.evaluate(() => ({ alerts: window.__alerts, csp: window.__csp }));
  assert.deepEqual(g.alerts, [], 'alert was called');
  assert.deepEqual(g.csp, [], 'CSP violations');
}

// the corpus, as the API gives it
const all = (await api('/api/search?limit=500')).results;
const speakers = (await api('/api/stats?by=speaker&limit=50')).facets.speaker;

const page = await newPage();

await check('the search page: English interface, <html lang="en">, every attribution counted, facets and a timeline', async () => {
  await go(page, '#/search');
  const s = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    label: document.querySelector('label[for="q"]').textContent,
    status: document.querySelector('.status').textContent,
    facets: [...document.querySelectorAll('.facet h3')].map((e) => e.textContent),
    bars: document.querySelectorAll('.timeline svg g.bar').length,
    scripts: document.scripts.length,
  }));
  assert.equal(s.lang, 'en');
  assert.equal(s.label, 'Search the quotations');
  assert.match(s.status, new RegExp('^' + all.length + ' attributions'));
  assert.deepEqual(s.facets, ['Speaker', 'Outlet', 'Month', 'Speech act', 'Type', 'Gender', 'Language']);
  assert.ok(s.bars >= 5, 'a bar per month: ' + s.bars);
  assert.equal(s.scripts, 1);
});

await check('type a query: results appear as you type, the same as /api/search gives, the query in the URL', async () => {
  await go(page, '#/search');
  await page.type('#q', 'budget', { delay: 30 });
  await page.waitForFunction(() => location.hash === '#/search?q=budget');
  await settled(page);
  const got = await results(page);
  const want = (await api('/api/search?q=budget&limit=25')).results;
  assert.ok(want.length >= 2, 'the corpus has budget quotations');
  assert.deepEqual(got.map((r) => r.quotation), want.map((r) => r.quotation));
  for (const r of got) assert.match(r.quotation, /budget/i);
});

await check('paging: 25 results, then "More results" adds the next ones in the order of /api/search', async () => {
  assert.ok(all.length > 25, 'the corpus has more than one page: ' + all.length);
  await go(page, '#/search');
  assert.equal((await results(page)).length, 25);
  await page.click('button.more');
  await page.waitForFunction((n) => document.querySelectorAll('.results .result').length === n, {}, all.length);
  assert.deepEqual((await results(page)).map((r) => r.attribution), all.map((r) => String(r.attribution)));
  assert.ok(await page.$eval('button.more', (b) => b.hidden), 'no more after the last page');
});

await check('click a speaker facet: every result is that speaker\'s, as many as the facet counted; a chip names them', async () => {
  await go(page, '#/search');
  const sp = speakers.find((x) => x.value === 'David Hart');
  assert.ok(sp && sp.id != null, 'David Hart is a person: ' + JSON.stringify(speakers));
  const link = await page.$(`.facet-speaker a.facet-value[data-id="${sp.id}"]`);
  assert.ok(link, 'the facet link');
  await clickAndSettle(page, link);
  const hash = await page.evaluate(() => location.hash);
  assert.equal(hash, '#/search?speaker=' + sp.id);
  const got = await results(page);
  assert.equal(got.length, sp.count);
  for (const r of got) assert.equal(r.speaker, 'David Hart');
  const want = (await api('/api/search?speaker=' + sp.id + '&limit=25')).results;
  assert.deepEqual(got.map((r) => r.attribution), want.map((r) => String(r.attribution)));
  const chips = await page.$$eval('.chips .chip', (els) => els.map((e) => e.querySelector('.v').textContent));
  assert.deepEqual(chips, ['David Hart']);
  // the chip's × removes the filter
  await clickAndSettle(page, '.chips .chip a.x');
  assert.equal(await page.evaluate(() => location.hash), '#/search');
  assert.equal((await results(page)).length, Math.min(25, all.length));
});

await check('the timeline: a click keeps one month, Shift+click another makes a range, the keyboard does the same', async () => {
  await go(page, '#/search');
  const bars = await page.$$eval('.timeline g.bar', (gs) => gs.map((g) => g.dataset.value));
  const feb = bars.indexOf('2026-02'), apr = bars.indexOf('2026-04');
  assert.ok(feb >= 0 && apr > feb, 'months on the timeline: ' + bars);
  await clickAndSettle(page, `.timeline g.bar[data-i="${feb}"] rect.hit`);
  assert.equal(await page.evaluate(() => location.hash), '#/search?since=2026-02&until=2026-02');
  for (const r of await results(page)) assert.match(r.date, /^2026-02/);
  await page.keyboard.down('Shift');
  await clickAndSettle(page, `.timeline g.bar[data-i="${apr}"] rect.hit`);
  await page.keyboard.up('Shift');
  assert.equal(await page.evaluate(() => location.hash), '#/search?since=2026-02&until=2026-04');
  const inRange = all.filter((r) => r.date >= '2026-02' && r.date < '2026-04~').length;
  assert.match(await page.$eval('.status', (e) => e.textContent), new RegExp('^' + inRange + ' '));
  // a drag from April back to February
  const box = async (i) => (await page.$(`.timeline g.bar[data-i="${i}"] rect.hit`)).boundingBox();
  const [ba, bf] = [await box(apr), await box(feb)];
  await page.goto(base + '/#/search');
  await settled(page);
  await page.mouse.move(ba.x + ba.width / 2, ba.y + ba.height / 2);
  await page.mouse.down();
  await page.mouse.move(bf.x + bf.width / 2, bf.y + bf.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => location.hash === '#/search?since=2026-02&until=2026-04');
  await settled(page);
  // keyboard: focus the bar of February, the right arrow, Enter
  await page.$eval(`.timeline g.bar[data-i="${feb}"]`, (g) => g.focus()); // an SVG element: focus() of the DOM
  await page.keyboard.press('ArrowRight');
  const before = await page.evaluate(() => location.hash);
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => location.hash !== b, {}, before);
  await settled(page);
  assert.equal(await page.evaluate(() => location.hash), '#/search?since=2026-03&until=2026-03');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-value')), '2026-03');
});

// Every highlighted element of an article page against the record's offsets.
async function checkArticle(p, id) {
  const art = await api('/api/articles/' + id);
  const a0 = art.attributions[0];
  await go(p, '#/article/' + id + (a0 ? '?a=' + a0.attribution : ''));
  const els = await p.$$eval('.article-text [data-attribution]', (es) => es.map((e) => ({
    a: e.dataset.attribution, role: e.dataset.role, s: +e.dataset.start, e: +e.dataset.end, text: e.textContent,
  })));
  // the page shows the whole text, once
  assert.equal(await p.$eval('.article-text', (e) => e.textContent), art.text);
  let spans = 0;
  for (const a of art.attributions) {
    const want = [];
    const parts = a.parts && a.parts.length ? a.parts : [[a.start, a.end]];
    for (const [s, e] of parts) want.push(['content', s, e]);
    if (a.cue_start != null) want.push(['cue', a.cue_start, a.cue_end]);
    if (a.speaker_start != null) want.push(['speaker', a.speaker_start, a.speaker_end]);
    for (const [role, s, e] of want) {
      if (e <= s) continue;
      const mine = els.filter((x) => x.a === String(a.attribution) && x.role === role && x.s === s && x.e === e);
      assert.ok(mine.length, `attribution ${a.attribution}: no ${role} span ${s}-${e}`);
      assert.equal(mine.map((x) => x.text).join(''), cpSlice(art.text, s, e), `attribution ${a.attribution} ${role} ${s}-${e}`);
      spans++;
    }
    if (parts.length === 1) assert.equal(cpSlice(art.text, a.start, a.end), a.quotation);
    if (a.cue_start != null) assert.equal(cpSlice(art.text, a.cue_start, a.cue_end), a.cue);
  }
  // nothing highlighted that the record does not say
  for (const x of els) {
    const a = art.attributions.find((r) => String(r.attribution) === x.a);
    assert.ok(a, 'a span of an unknown attribution ' + x.a);
  }
  if (a0) {
    const marked = await p.$$eval('.article-text .is-target', (es) => [...new Set(es.map((e) => e.dataset.attribution))]);
    assert.deepEqual(marked, [String(a0.attribution)]);
  }
  return { art, spans };
}

await check('open an article from a result: the attribution named in the URL is marked, scrolled to and described', async () => {
  await go(page, '#/search?q=engineer');
  const first = (await api('/api/search?q=engineer&limit=1')).results[0];
  assert.ok(first, 'a result for engineer');
  await clickAndSettle(page, '.results .result a.to-article');
  assert.equal(await page.evaluate(() => location.hash), `#/article/${first.article}?a=${first.attribution}`);
  const t = await page.evaluate((a) => {
    const el = document.querySelector(`.article-text [data-attribution="${a}"][data-role="content"]`);
    const r = el.getBoundingClientRect();
    const tip = document.getElementById('tip');
    return {
      marked: el.classList.contains('is-target'), focused: document.activeElement === el, visible: r.top >= 0 && r.bottom <= innerHeight,
      tip: tip && !tip.hidden ? tip.textContent : '',
    };
  }, first.attribution);
  assert.ok(t.marked && t.focused && t.visible, JSON.stringify(t));
  // the focused span describes its attribution: speaker, cue, act, confidence
  assert.ok(t.tip.includes(first.speaker) && t.tip.includes(first.cue) && t.tip.includes(first.act), t.tip);
});

await check('every article: each highlighted span\'s text is the text at its record\'s code-point offsets (content parts, cue, speaker)', async () => {
  const ids = [...new Set(all.map((r) => r.article))];
  let spans = 0, astral = 0;
  for (const id of ids) {
    const r = await checkArticle(page, id);
    spans += r.spans;
    if (/[\u{10000}-\u{10FFFF}]/u.test(r.art.text)) astral++;
  }
  assert.ok(astral >= 1, 'an article with characters outside the BMP');
  assert.ok(spans >= all.length * 2, 'spans checked: ' + spans);
});

await check('hover and keyboard focus on a cue show its speaker, cue, addressee and confidence', async () => {
  let art = null, a = null;
  for (const id of new Set(all.map((r) => r.article))) {
    art = await api('/api/articles/' + id);
    a = art.attributions.find((x) => x.addressee && x.cue_start != null);
    if (a) break;
  }
  assert.ok(a, 'an attribution with an addressee');
  await go(page, '#/article/' + art.id);
  const sel = `.article-text [data-attribution="${a.attribution}"][data-role="cue"]`;
  await page.hover(sel);
  let tip = await page.$eval('#tip', (e) => (e.hidden ? '' : e.textContent));
  assert.ok(tip.includes(a.addressee) && tip.includes(a.cue), 'hover: ' + tip);
  await page.mouse.move(0, 0);
  await page.focus('.article-text [data-attribution]');
  for (let i = 0; i < 200; i++) {
    const at = await page.evaluate(() => document.activeElement.dataset.attribution + '/' + document.activeElement.dataset.role);
    if (at === a.attribution + '/cue') break;
    await page.keyboard.press('Tab');
  }
  tip = await page.$eval('#tip', (e) => (e.hidden ? '' : e.textContent));
  assert.ok(tip.includes(a.addressee) && tip.includes(a.speaker), 'focus: ' + tip);
});

await check('a shared URL opens the same state in a new page; the back button returns to the previous views', async () => {
  await go(page, '#/search');
  await page.type('#q', 'budget');
  await page.waitForFunction(() => location.hash === '#/search?q=budget');
  await settled(page);
  const sp = speakers.find((x) => x.value === 'Martin Leroy');
  await clickAndSettle(page, `.facet-speaker a.facet-value[data-id="${sp.id}"]`);
  const url = page.url();
  assert.ok(url.endsWith('#/search?q=budget&speaker=' + sp.id), url);
  const here = { results: await results(page), chips: await page.$$eval('.chip .v', (e) => e.map((x) => x.textContent)) };
  assert.ok(here.results.length >= 1 && here.results.every((r) => r.speaker === 'Martin Leroy'));

  const other = await newPage();
  await other.goto(url);
  await settled(other);
  assert.equal(await other.$eval('#q', (e) => e.value), 'budget');
  assert.deepEqual(await results(other), here.results);
  assert.deepEqual(await other.$$eval('.chip .v', (e) => e.map((x) => x.textContent)), here.chips);
  // into an article, then back: the same search
  await clickAndSettle(other, '.results .result a.to-article');
  assert.ok(await other.$('.article-text'));
  await other.goBack();
  await settled(other);
  assert.equal(other.url(), url);
  assert.equal(await other.$eval('#q', (e) => e.value), 'budget');
  assert.deepEqual(await results(other), here.results);
  await guarded(other);
  await other.close();

  // back in the first page: before the facet, the query alone
  await page.goBack();
  await settled(page);
  assert.equal(await page.evaluate(() => location.hash), '#/search?q=budget');
  assert.deepEqual(await page.$$eval('.chip', (e) => e.length), 0);
});

await check('a speaker page: name, gender with its evidence, counts, timeline, addressees, accusations, recent quotations', async () => {
  const sp = speakers.find((x) => x.value === 'Martin Leroy');
  const want = await api('/api/speakers/' + sp.id);
  await go(page, '#/search');
  await clickAndSettle(page, `.results a.speaker[href="#/speaker/${sp.id}"]`);
  const got = await page.evaluate(() => ({
    name: document.querySelector('h1').textContent,
    gender: document.querySelector('.gender').textContent,
    facts: [...document.querySelectorAll('.facts dd')].map((e) => e.textContent),
    bars: document.querySelectorAll('svg.chart g.bar').length,
    recent: document.querySelectorAll('.results .result').length,
    text: document.querySelector('.speaker-page').textContent,
  }));
  assert.equal(got.name, 'Martin Leroy');
  assert.equal(want.gender, 'male');
  assert.ok(got.gender.includes('man') && got.gender.includes(want.gender_evidence), got.gender);
  assert.deepEqual(got.facts.slice(0, 2), [String(want.attributions), String(want.articles)]);
  assert.ok(got.bars >= want.timeline.length);
  assert.equal(got.recent, want.recent.length);
  for (const x of want.addressees.concat(want.accuses)) assert.ok(got.text.includes(x.name), x.name);
});

await check('a quotation page: its text, every appearance, the first one marked', async () => {
  const r = all.find((x) => x.quote != null);
  const want = await api('/api/quotations/' + r.quote);
  await go(page, '#/quotation/' + r.quote);
  const got = await page.evaluate(() => ({
    text: document.querySelector('blockquote').textContent,
    rows: document.querySelectorAll('table.seen tbody tr').length,
    first: [...document.querySelectorAll('table.seen tbody tr.first')].map((e) => e.querySelector('a').getAttribute('href')),
  }));
  assert.equal(got.text, want.text);
  assert.equal(got.rows, want.seen.length);
  const f = want.seen.find((x) => x.first);
  assert.deepEqual(got.first, [`#/article/${f.article}?a=${f.attribution}`]);
});

for (const [what, text] of [['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'], ['</script><script>', '</script><script>alert(1)</script>']]) {
  await check(`a quotation ${what} shows as text in the results and in its article; no element made of it, alert never called`, async () => {
    const row = all.find((r) => r.quotation === text);
    assert.ok(row, 'the injection article was indexed');
    await go(page, '#/search?q=' + encodeURIComponent('"alert 1"'));
    const shown = (await results(page)).map((r) => r.quotation);
    assert.ok(shown.includes(text), JSON.stringify(shown));
    await go(page, '#/article/' + row.article + '?a=' + row.attribution);
    const got = await page.evaluate((a) => ({
      span: [...document.querySelectorAll(`.article-text [data-attribution="${a}"][data-role="content"]`)].map((e) => e.textContent).join(''),
      visible: document.querySelector('.article-text').innerText,
      imgs: document.querySelectorAll('img').length,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      title: document.title,
    }), row.attribution);
    assert.equal(got.span, text);
    assert.ok(got.visible.includes(text));
    assert.equal(got.imgs, 0);
    assert.deepEqual(got.scripts, ['/app.js']);
    await new Promise((r) => setTimeout(r, 300)); // an onerror would have fired by now
    await guarded(page);
  });
}

await check('French interface when the browser is French: <html lang="fr">, French labels', async () => {
  const fr = await newPage({ lang: 'fr-FR' });
  await go(fr, '#/search');
  const s = await fr.evaluate(() => ({
    lang: document.documentElement.lang, label: document.querySelector('label[for="q"]').textContent,
    facets: [...document.querySelectorAll('.facet h3')].map((e) => e.textContent),
  }));
  assert.equal(s.lang, 'fr');
  assert.equal(s.label, 'Chercher dans les citations');
  assert.ok(s.facets.includes('Locuteur') && s.facets.includes('Média'), s.facets.join());
  await guarded(fr);
  await fr.close();
});

await check('readable on a phone: one column under 700 px, nothing wider than the screen', async () => {
  const ph = await newPage();
  await ph.setViewport({ width: 390, height: 800 });
  await go(ph, '#/search');
  const s = await ph.evaluate(() => ({
    cols: getComputedStyle(document.querySelector('.columns')).gridTemplateColumns.split(' ').length,
    wide: document.documentElement.scrollWidth,
  }));
  assert.equal(s.cols, 1);
  assert.ok(s.wide <= 390, 'scrollWidth ' + s.wide);
  await go(ph, '#/article/' + all[0].article + '?a=' + all[0].attribution);
  assert.ok(await ph.evaluate(() => document.documentElement.scrollWidth <= 390));
  await ph.close();
});

if (shots) {
  await check('screenshots of the search page and an article page (1280x800)', async () => {
    const sh = await newPage();
    await go(sh, '#/search');
    await sh.mouse.move(0, 0);
    await sh.screenshot({ path: path.join(shots, 'screenshot-search.png') });
    const r = all.find((x) => x.speaker === 'Sarah Collins' && /two hundred/.test(x.quotation)) || all[0];
    await go(sh, `#/article/${r.article}?a=${r.attribution}`);
    await sh.evaluate(() => window.scrollTo(0, 0));
    await sh.screenshot({ path: path.join(shots, 'screenshot-article.png') });
    await sh.close();
  });
}

await check('no console error, no uncaught exception, no dialog, no failed request, no CSP violation in any page', async () => {
  await guarded(page);
  assert.deepEqual(trouble, []);
});

await browser.close();
console.log(`browser: ${n - fails} of ${n} passed`);
process.exit(fails ? 1 : 0);
