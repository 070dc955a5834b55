// Checks the built site in a real browser (Debian's Chromium through playwright-core):
//   - every HTML file through the Nu HTML Checker (vnu.jar, run with Java): no errors;
//   - every page through axe-core, WCAG 2.0/2.1 A and AA rules: no violations; in the version for
//     visually impaired users too, in each colour scheme;
//   - headings in order, a skip link, visible focus, no horizontal scrolling at 320 px, at 200 %
//     zoom and at 200 % font size;
//   - the version for visually impaired users: settings remembered across pages (file://), images
//     off, letter spacing, the page without JavaScript;
//   - site search from file://: «наставников» finds pages with «наставник»; the query is stemmed
//     exactly as the index was (every word of every page);
//   - screenshots at 320 px and 1280 px and of the accessible version, kept as artifacts.
// Usage: node browser_test.js <out/site> <artifacts dir> [<counts file>]
// NK_ONLY="a.html,b/c.html": only the Nu HTML Checker, axe-core, the structure checks and the
// 320 px / 200 % zoom checks on these pages (the negative control of tests/e2e/test_browser.sh).
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { execFileSync, spawnSync } = require('child_process');

const SITE = path.resolve(process.argv[2] || '');
const ART = path.resolve(process.argv[3] || 'artifacts');
const COUNTS = process.argv[4];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ONLY = process.env.NK_ONLY ? process.env.NK_ONLY.split(',') : null;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

let passed = 0, failed = 0;
function ok(cond, what) {
  if (cond) passed++;
  else { failed++; console.log('FAIL: ' + what); }
  return cond;
}
function finish() {
  console.log(`browser: ${passed} passed, ${failed} failed`);
  if (COUNTS) fs.writeFileSync(COUNTS, `${passed} ${failed}\n`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}
const url = (rel) => require('url').pathToFileURL(path.join(SITE, rel)).href;
const shot = (name) => path.join(ART, name + '.png');

// ---- 1. The Nu HTML Checker on every HTML file ----
function validateHtml(files) {
  const jar = String(require('vnu-jar'));
  const r = spawnSync('java', ['-Xss8m', '-jar', jar, '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (!ok(r.error === undefined, 'vnu.jar не запустился: ' + (r.error && r.error.message))) return;
  let messages = [];
  try { messages = JSON.parse(r.stderr || r.stdout).messages; } catch (e) {
    ok(false, 'vnu.jar: непонятный ответ: ' + (r.stderr || '').slice(0, 500));
    return;
  }
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  for (const m of errors.slice(0, 40))
    console.log(`  vnu: ${path.relative(SITE, decodeURIComponent((m.url || '').replace('file:', '')))}:${m.lastLine}: ${m.message}`);
  for (const m of warnings.slice(0, 10))
    console.log(`  vnu (предупреждение): ${path.relative(SITE, decodeURIComponent((m.url || '').replace('file:', '')))}:${m.lastLine}: ${m.message}`);
  ok(errors.length === 0, `Nu HTML Checker: ${errors.length} ошибок в ${files.length} файлах`);
  console.log(`  Nu HTML Checker: ${files.length} файлов, ошибок ${errors.length}, предупреждений ${warnings.length}`);
}

// ---- helpers in the page ----
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
async function axe(page, label) {
  const source = require('axe-core').source;
  await page.evaluate(source);
  const res = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  for (const v of res.violations) {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
    console.log(`  axe: ${label}: ${v.id} (${v.impact}): ${v.help} — ${targets}`);
  }
  return ok(res.violations.length === 0, `axe-core: ${label}: ${res.violations.length} нарушений WCAG 2.1 AA`);
}
async function noHorizontalScroll(page, label) {
  const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  return ok(r.sw <= r.cw, `${label}: горизонтальная прокрутка (ширина содержимого ${r.sw} > окна ${r.cw})`);
}
async function structure(page, label) {
  const s = await page.evaluate(() => {
    const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => +h.tagName[1]);
    let jump = '';
    for (let i = 1; i < hs.length; i++) if (hs[i] > hs[i - 1] + 1) jump = `h${hs[i - 1]} → h${hs[i]}`;
    const skip = document.querySelector('body > a.skip[href="#main"]');
    const imgsNoAlt = [...document.querySelectorAll('img')].filter((i) => !i.hasAttribute('alt')).length;
    const svgs = [...document.querySelectorAll('main svg[role="img"]')];
    const svgNoText = svgs.filter((s) => !(s.getAttribute('aria-label') && s.closest('figure') && s.closest('figure').querySelector('details table'))).length;
    const thNoScope = [...document.querySelectorAll('table th')].filter((t) => !t.hasAttribute('scope')).length;
    return { h1: hs.filter((x) => x === 1).length, first: hs[0], jump, skip: !!skip && !!document.getElementById('main'),
      landmarks: ['header', 'nav', 'main', 'footer'].every((t) => document.querySelector(t)), imgsNoAlt, svgNoText, thNoScope };
  });
  ok(s.h1 === 1 && s.first === 1, `${label}: заголовок h1 должен быть один и первым (h1: ${s.h1}, первый: h${s.first})`);
  ok(!s.jump, `${label}: заголовки не по порядку: ${s.jump}`);
  ok(s.skip, `${label}: нет ссылки «Перейти к содержанию» на #main`);
  ok(s.landmarks, `${label}: нет областей header/nav/main/footer`);
  ok(s.imgsNoAlt === 0, `${label}: ${s.imgsNoAlt} изображений без alt`);
  ok(s.svgNoText === 0, `${label}: ${s.svgNoText} диаграмм без текстовой альтернативы (таблицы данных)`);
  ok(s.thNoScope === 0, `${label}: ${s.thNoScope} заголовков таблиц без scope`);
}
// Tab through the first controls: each focused element has a visible outline.
async function visibleFocus(page, label) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.className);
  ok(first === 'skip', `${label}: первая остановка Tab — не ссылка «Перейти к содержанию» (${first})`);
  let bad = [];
  for (let i = 0; i < 6; i++) {
    const f = await page.evaluate(() => {
      const e = document.activeElement, cs = getComputedStyle(e);
      return { tag: e.tagName + (e.className ? '.' + e.className : ''), visible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
    });
    if (!f.visible) bad.push(f.tag);
    await page.keyboard.press('Tab');
  }
  ok(bad.length === 0, `${label}: нет видимого фокуса у ${bad.join(', ')}`);
}

async function setA11y(page, settings) {
  await page.evaluate((s) => {
    localStorage.setItem('nastavnik-a11y', JSON.stringify(s));
  }, settings);
  await page.reload();
}

async function main() {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) {
    ok(false, `нет собранного сайта: ${SITE}/index.html`);
    return finish();
  }
  fs.mkdirSync(ART, { recursive: true });
  const files = walk(SITE);
  const htmlFiles = files.filter((f) => f.endsWith('.html') && (!ONLY || ONLY.includes(path.relative(SITE, f)))).sort();
  if (ONLY) ok(htmlFiles.length === ONLY.length, 'NK_ONLY: нет страниц ' + ONLY.join(', '));
  const pages = htmlFiles.map((f) => path.relative(SITE, f));

  validateHtml(htmlFiles);

  const { chromium } = require('playwright-core');
  if (!ok(fs.existsSync(CHROMIUM), `нет Chromium: ${CHROMIUM} (apt-get install chromium)`)) return finish();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    // ---- 2. Every page: axe, structure; 1280 px ----
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const jsErrors = [];
    page.on('pageerror', (e) => jsErrors.push(e.message));
    let axeBad = 0;
    for (const p of pages) {
      await page.goto(url(p));
      if (!(await axe(page, p))) axeBad++;
      if (p !== '404.html') await structure(page, p);
    }
    console.log(`  axe-core (${AXE_TAGS.join(', ')}): ${pages.length} страниц, с нарушениями ${axeBad}`);
    ok(jsErrors.length === 0, 'ошибки JavaScript на страницах: ' + jsErrors.slice(0, 3).join('; '));

    const showcase = ONLY ? [] : ['index.html', 'schools/sosh-1/index.html', 'monitoring.html', 'schools/sosh-1/roadmap.html',
      'schools/sosh-1/pairs.html', 'documents/index.html', pages.find((p) => /^orders\/.+\.html$/.test(p)),
      pages.find((p) => /^news\/.*shkola-molodogo-pedagoga\.html$/.test(p)) || 'news/index.html'].filter(Boolean);
    for (const p of showcase) ok(pages.includes(p), `нет страницы ${p}`);

    const focusPage = ONLY ? pages[0] : 'index.html';
    await page.goto(url(focusPage));
    await visibleFocus(page, focusPage);
    for (const p of showcase) {
      await page.goto(url(p));
      await page.screenshot({ path: shot('1280-' + p.replace(/[/.]/g, '_')), fullPage: true });
    }
    // Print stylesheet.
    await page.goto(url(ONLY ? pages[0] : 'schools/sosh-1/roadmap.html'));
    await page.emulateMedia({ media: 'print' });
    const printHidden = await page.evaluate(() => getComputedStyle(document.querySelector('nav.menu')).display === 'none' &&
      getComputedStyle(document.querySelector('.tools')).display === 'none');
    ok(printHidden, 'при печати меню и панель инструментов не скрыты');
    await page.screenshot({ path: shot('print-roadmap'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await ctx.close();

    // ---- 3. Phones: 320 px; 200 % zoom (1280 px at 200 % = 640 CSS px) ----
    const phone = await browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 });
    const pp = await phone.newPage();
    let wideAt320 = 0;
    for (const p of pages) {
      await pp.goto(url(p));
      const r = await pp.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (r > 0) { wideAt320++; console.log(`  320 px: ${p} шире экрана на ${r} px`); }
    }
    ok(wideAt320 === 0, `320 px: ${wideAt320} страниц с горизонтальной прокруткой`);
    for (const p of showcase) {
      await pp.goto(url(p));
      await pp.screenshot({ path: shot('320-' + p.replace(/[/.]/g, '_')), fullPage: true });
    }
    await phone.close();
    const zoom = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    const zp = await zoom.newPage();
    let wideZoom = 0;
    for (const p of pages) {
      await zp.goto(url(p));
      const r = await zp.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (r > 0) { wideZoom++; console.log(`  200 % масштаб: ${p} шире экрана на ${r} px`); }
    }
    ok(wideZoom === 0, `масштаб 200 %: ${wideZoom} страниц с горизонтальной прокруткой`);
    await zoom.close();
    if (ONLY) return;

    // ---- 4. The version for visually impaired users ----
    const a11y = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ap = await a11y.newPage();
    await ap.goto(url('index.html'));
    const toggle = ap.locator('button[data-a11y="toggle"]');
    ok(await toggle.isVisible(), 'кнопка «Версия для слабовидящих» не видна');
    ok((await toggle.textContent()).includes('Версия для слабовидящих'), 'у кнопки нет текста «Версия для слабовидящих»');
    ok(await ap.locator('#a11y-panel').isHidden(), 'панель настроек видна до включения');
    await toggle.click();
    ok(await ap.locator('#a11y-panel').isVisible(), 'панель настроек не появилась');
    await ap.click('button[data-a11y="fs"][data-value="200"]');
    await ap.click('button[data-a11y="scheme"][data-value="wb"]');
    await ap.click('button[data-a11y="ls"][data-value="2"]');
    const cls = await ap.evaluate(() => document.documentElement.className);
    ok(/\ba11y-fs-200\b/.test(cls) && /\ba11y-scheme-wb\b/.test(cls) && /\ba11y-ls-2\b/.test(cls), 'классы версии для слабовидящих не поставлены: ' + cls);
    const st = await ap.evaluate(() => ({ fs: getComputedStyle(document.documentElement).fontSize, bg: getComputedStyle(document.body).backgroundColor,
      color: getComputedStyle(document.body).color, ls: getComputedStyle(document.body).letterSpacing }));
    ok(st.fs === '32px', `размер шрифта 200 %: ${st.fs}`);
    ok(st.bg === 'rgb(0, 0, 0)' && st.color === 'rgb(255, 255, 255)', `белым по чёрному: фон ${st.bg}, текст ${st.color}`);
    ok(parseFloat(st.ls) > 3, `интервал между буквами: ${st.ls}`);
    ok(await ap.locator('button[data-a11y="fs"][data-value="200"]').getAttribute('aria-pressed') === 'true', 'aria-pressed у выбранного размера');
    // Remembered across pages (file://, localStorage).
    await ap.click('nav.menu a[href="documents/index.html"]');
    await ap.waitForLoadState();
    const cls2 = await ap.evaluate(() => document.documentElement.className);
    ok(ap.url().endsWith('documents/index.html') && /\ba11y-fs-200\b/.test(cls2) && /\ba11y-scheme-wb\b/.test(cls2), 'настройки не сохранились на другой странице: ' + cls2);
    await ap.goto(url('schools/sosh-1/monitoring.html'));
    ok(/\ba11y-scheme-wb\b/.test(await ap.evaluate(() => document.documentElement.className)), 'настройки не сохранились в разделе школы');
    await noHorizontalScroll(ap, 'версия для слабовидящих, 200 %, monitoring');
    await ap.screenshot({ path: shot('a11y-wb-200-sosh-1_monitoring'), fullPage: true });
    // Every scheme × font size on a few pages: axe (contrast!) and no horizontal scrolling.
    const a11yPages = ['index.html', 'schools/sosh-1/roadmap.html', 'monitoring.html', 'schools/sosh-1/pairs.html', showcase[showcase.length - 1], 'search.html'];
    for (const scheme of ['bw', 'wb', 'blue']) {
      for (const p of a11yPages) {
        await ap.goto(url(p));
        await setA11y(ap, { on: true, fs: '200', scheme, img: 'on', ls: '1' });
        await axe(ap, `${p} (версия для слабовидящих: ${scheme}, 200 %)`);
        await noHorizontalScroll(ap, `${p} (${scheme}, 200 %)`);
      }
      await ap.goto(url('schools/sosh-1/roadmap.html'));
      await ap.screenshot({ path: shot(`a11y-${scheme}-200-sosh-1_roadmap`), fullPage: false });
    }
    await ap.goto(url('index.html'));
    await setA11y(ap, { on: true, fs: '150', scheme: 'blue', img: 'on', ls: '0' });
    await visibleFocus(ap, 'index.html (синим по голубому)');
    await ap.screenshot({ path: shot('a11y-blue-150-index'), fullPage: false });
    // Images off: the image is replaced by its description.
    const newsImg = pages.find((p) => /^news\/.*shkola-molodogo-pedagoga\.html$/.test(p));
    if (ok(!!newsImg, 'нет новости с изображением (news/…shkola-molodogo-pedagoga.html)')) {
      await ap.goto(url(newsImg));
      await setA11y(ap, { on: true, fs: '150', scheme: 'bw', img: 'off', ls: '0' });
      const im = await ap.evaluate(() => ({ img: getComputedStyle(document.querySelector('main img')).display, alt: document.querySelector('.img-alt') && getComputedStyle(document.querySelector('.img-alt')).display,
        text: document.querySelector('.img-alt') && document.querySelector('.img-alt').textContent }));
      ok(im.img === 'none' && im.alt !== 'none' && /Изображение: /.test(im.text || ''), 'изображения не отключаются: ' + JSON.stringify(im));
      await ap.screenshot({ path: shot('a11y-bw-noimg-news'), fullPage: true });
    }
    // 320 px phone in the accessible version at 200 %.
    await ap.setViewportSize({ width: 320, height: 640 });
    let wideA = 0;
    for (const p of a11yPages) {
      await ap.goto(url(p));
      await setA11y(ap, { on: true, fs: '200', scheme: 'bw', img: 'on', ls: '0' });
      const r = await ap.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (r > 0) { wideA++; console.log(`  320 px, шрифт 200 %: ${p} шире экрана на ${r} px`); }
    }
    ok(wideA === 0, `320 px, шрифт 200 %: ${wideA} страниц с горизонтальной прокруткой`);
    await ap.goto(url('schools/sosh-1/index.html'));
    await ap.screenshot({ path: shot('a11y-bw-200-320-sosh-1_index'), fullPage: true });
    await ap.setViewportSize({ width: 1280, height: 900 });
    // Back to the ordinary version.
    await ap.goto(url('index.html'));
    await ap.click('button[data-a11y="off"]');
    ok(!/\ba11y\b/.test(await ap.evaluate(() => document.documentElement.className)), '«Обычная версия сайта» не выключает версию для слабовидящих');
    await a11y.close();

    // ---- 5. Without JavaScript ----
    const nojs = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const np = await nojs.newPage();
    await np.goto(url('schools/sosh-1/index.html'));
    ok(await np.locator('button[data-a11y="toggle"]').isHidden(), 'без JavaScript видна неработающая кнопка');
    ok(await np.locator('main h1').isVisible() && await np.locator('nav.menu a').first().isVisible(), 'без JavaScript нет содержания или меню');
    await np.click('nav.menu a[href="pairs.html"]');
    ok(np.url().endsWith('schools/sosh-1/pairs.html') && await np.locator('main table').first().isVisible(), 'без JavaScript не работают ссылки меню');
    await np.screenshot({ path: shot('nojs-sosh-1_pairs'), fullPage: false });
    await nojs.close();

    // ---- 6. Search from file:// ----
    const sctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sp = await sctx.newPage();
    const searchErrors = [];
    sp.on('pageerror', (e) => searchErrors.push(e.message));
    await sp.goto(url('schools/sosh-1/index.html'));
    await sp.fill('#search-q', 'наставников');
    await sp.press('#search-q', 'Enter');
    await sp.waitForSelector('#search-results li', { timeout: 5000 }).catch(() => {});
    ok(/\/search\.html\?q=/.test(sp.url()), 'форма поиска в шапке не ведёт на search.html: ' + sp.url());
    const res = await sp.evaluate(() => ({ status: document.getElementById('search-status').textContent,
      items: [...document.querySelectorAll('#search-results li a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent })) }));
    console.log(`  поиск «наставников»: ${res.status}`);
    ok(res.items.length >= 5, `поиск «наставников» нашёл ${res.items.length} страниц`);
    // Every result really contains a word of the «наставник» family.
    let notThere = 0;
    // A school's search page searches the school's own pages: addresses relative to its folder.
    ok(/schools\/sosh-1\/search\.html\?q=/.test(sp.url()), 'поиск со страницы школы ведёт не на поиск школы: ' + sp.url());
    const searchDir = path.dirname(require('url').fileURLToPath(sp.url().split('?')[0]));
    ok(res.items.every((i) => path.join(searchDir, decodeURI(i.href)).startsWith(path.join(SITE, 'schools/sosh-1') + path.sep)),
      'поиск школы нашёл страницы вне раздела школы');
    for (const it of res.items) {
      const f = path.join(searchDir, decodeURI(it.href));
      const text = fs.existsSync(f) ? fs.readFileSync(f, 'utf8').toLowerCase() : '';
      if (!/наставник/.test(text)) { notThere++; console.log('  результат без слова «наставник»: ' + it.href); }
    }
    ok(notThere === 0, `${notThere} результатов поиска без слова «наставник»`);
    // A page that has «наставник» in its title is found; the link works from file://.
    const titled = res.items.find((i) => /наставни/i.test(i.text));
    ok(!!titled, 'среди результатов нет страницы с «наставник…» в заголовке');
    ok(await sp.locator('#search-results mark').count() > 0, 'найденные слова не выделены');
    await sp.screenshot({ path: shot('search-nastavnikov'), fullPage: false });
    if (res.items.length) {
      await sp.click('#search-results li a >> nth=0');
      await sp.waitForLoadState();
      ok(await sp.locator('main h1').isVisible() && !sp.url().includes('search.html'), 'ссылка из результатов поиска не открылась: ' + sp.url());
    }
    await sp.goto(url('search.html') + '?q=' + encodeURIComponent('дорожные карты'));
    const rm = await sp.evaluate(() => [...document.querySelectorAll('#search-results li a')].map((a) => a.getAttribute('href')));
    ok(rm.some((h) => /roadmap\.html$/.test(h)), 'поиск «дорожные карты» не нашёл страницу дорожной карты: ' + rm.slice(0, 5).join(', '));
    // The department's search finds the schools by their landing pages.
    await sp.goto(url('search.html') + '?q=' + encodeURIComponent('гимназия'));
    const sch = await sp.evaluate(() => [...document.querySelectorAll('#search-results li a')].map((a) => a.getAttribute('href')));
    ok(sch.some((h) => /^schools\/[a-z0-9-]+\/index\.html$/.test(h)), 'поиск департамента не нашёл школу по названию: ' + sch.slice(0, 5).join(', '));
    await sp.goto(url('search.html') + '?q=' + encodeURIComponent('абракадабраслово'));
    ok(/ничего не найдено/.test(await sp.textContent('#search-status')), 'нет сообщения «ничего не найдено»');
    await sp.goto(url('search.html'));
    ok(/Введите слова/.test(await sp.textContent('#search-status')), 'пустой запрос: нет подсказки');
    ok(searchErrors.length === 0, 'ошибки JavaScript на странице поиска: ' + searchErrors.join('; '));
    await sp.setViewportSize({ width: 320, height: 640 });
    await sp.goto(url('search.html') + '?q=' + encodeURIComponent('наставничество'));
    await sp.screenshot({ path: shot('320-search'), fullPage: true });
    await sctx.close();
  } finally {
    await browser.close();
  }
  if (ONLY) return;

  // ---- 7. The query is stemmed as the index was: every word of every page, stemmed in JS, is a term ----
  // Each organisation has its own index (search-index.js beside its search.html, addresses relative
  // to that folder); the department's also lists the schools' landing pages. Together they hold
  // every page of the site but 404 and the search pages.
  const indexFiles = pages.filter((p) => path.basename(p) === 'search.html').map((p) => path.join(path.dirname(p), 'search-index.js'));
  const indexed = new Set();
  let words = 0, docs = 0, terms = 0, bytes = 0;
  const missing = new Set();
  let S = null;
  for (const rel of indexFiles) {
    const sandbox = { window: {} };
    vm.createContext(sandbox);
    vm.runInContext(fs.readFileSync(path.join(SITE, rel), 'utf8'), sandbox);
    vm.runInContext(fs.readFileSync(path.join(SITE, 'assets/search.js'), 'utf8'), sandbox);
    const index = sandbox.window.NK_SEARCH_INDEX;
    S = sandbox.window.NKSearch;
    if (!ok(index && S, rel + ' или search.js не задают NK_SEARCH_INDEX/NKSearch')) continue;
    docs += index.pages.length;
    terms += Object.keys(index.terms).length;
    bytes += fs.statSync(path.join(SITE, rel)).size;
    for (const p of index.pages) {
      const file = path.join(path.dirname(rel), p.u);
      indexed.add(file);
      const html = fs.readFileSync(path.join(SITE, file), 'utf8');
      const main = (html.split(/<main\b[^>]*>/)[1] || '').split('</main>')[0]
        .replace(/<nav[\s\S]*?<\/nav>/g, ' ').replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ')
        .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      for (const w of S.words(main)) {
        words++;
        if (!Object.prototype.hasOwnProperty.call(index.terms, S.stem(w))) missing.add(w + ' → ' + S.stem(w));
      }
    }
  }
  const searchable = pages.filter((p) => !['404.html', 'search.html'].includes(path.basename(p)));
  const notIndexed = searchable.filter((p) => !indexed.has(p));
  ok(indexFiles.length > 1 && notIndexed.length === 0,
    `индексов ${indexFiles.length}; страниц нет ни в одном индексе: ${notIndexed.length} (${notIndexed.slice(0, 5).join(', ')})`);
  if (missing.size) console.log('  не в индексе: ' + [...missing].slice(0, 15).join(', '));
  ok(words > 1000 && missing.size === 0, `основы слов в JS и в индексе расходятся: ${missing.size} из ${words} слов`);
  console.log(`  стеммер JS = индекс (libstemmer): ${words} слов страниц, расхождений ${missing.size}`);
  if (S) ok(S.stem('наставников') === S.stem('наставник') && S.stem('наставник') === 'наставник', 'наставников → наставник');
  console.log(`  search-index.js: ${indexFiles.length} файлов, ${(bytes / 1024).toFixed(0)} КБ, ${docs} записей, ${terms} основ`);
}

main().then(finish, (e) => { ok(false, 'исключение: ' + (e && e.stack || e)); finish(); });
