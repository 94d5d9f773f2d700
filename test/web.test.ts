import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WorkerPool } from '../src/ingest/pool.js';
import { buildServer } from '../src/server/app.js';
import { openStore, type CorpusStore } from '../src/store/index.js';
import { makeDoc, sampleDocs, treeDoc } from './store-fixtures.js';

/**
 * End-to-end tests of the web page in real headless Chromium (Debian's chromium driven by
 * playwright-core). Skipped, with a message, where Chromium is not installed.
 */
const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TOKEN = 'web-test-token-42';
/** Set VIGIE_WEB_SCREENSHOTS to a folder to keep screenshots of each view. */
const SHOTS = process.env.VIGIE_WEB_SCREENSHOTS;

const XSS_TEXT =
  'Le préfet de Bretagne a annoncé lundi un plan contre les inondations. ' +
  '<script>window.__xss = "script"</script> <img src=x onerror="window.__xss = \'img\'"> ' +
  '« Nous agirons vite », a déclaré le préfet <b onmouseover="window.__xss=\'b\'">devant la presse</b>.';

if (!existsSync(CHROMIUM)) {
  describe('web page in Chromium', () => {
    test(`skipped: no Chromium at ${CHROMIUM}; install the Debian package chromium (or set VIGIE_CHROMIUM) to run it`, { skip: true }, () => {});
  });
} else {
  describe('web page in Chromium', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'vigie-web-'));
    let store: CorpusStore;
    let pool: WorkerPool;
    let app: FastifyInstance;
    let base = '';
    const ids: number[] = [];
    let treeId = 0;
    let hostileId = 0;
    // Loaded lazily so a machine without playwright-core still compiles and skips.
    let context: import('playwright-core').BrowserContext;
    let page: import('playwright-core').Page;
    const pageErrors: string[] = [];
    let dialogs = 0;

    before(async () => {
      store = await openStore(join(tmp, 'web.sqlite'));
      for (const [i, d] of sampleDocs().entries()) ids.push((await store.putArticle({ doc: d, sourceHash: `w${i}`, source: null })).id);
      treeId = (await store.putArticle({ doc: treeDoc(), sourceHash: 'tree', source: null })).id;
      const hostile = makeDoc({
        title: '<img src=x onerror="window.__xss=\'title\'">Titre piégé',
        text: 'Titre piégé\n\nUn article piégé sur Quimper <script>window.__xss="stored"</script> et <img src=x onerror="window.__xss=\'stored-img\'">.',
        site: '<b>site</b>',
        entities: [{ name: '<i>Quimper</i>', type: 'LOC', mentions: ['Quimper'] }],
        quotes: [{ content: '<script>window.__xss="stored"</script>', speaker: 'Un article piégé' }],
      });
      hostileId = (await store.putArticle({ doc: hostile, sourceHash: 'hostile', source: null })).id;
      pool = new WorkerPool({ size: 1 });
      app = await buildServer({ store, pool, token: TOKEN, annotate: false });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      const { chromium } = await import('playwright-core');
      context = await chromium.launchPersistentContext(join(tmp, 'profile'), { executablePath: CHROMIUM, args: ARGS, headless: true });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
    });

    after(async () => {
      await context?.close();
      await app?.close();
      await pool?.close();
      await store?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    const noXss = async (where: string) => {
      const flag = await page.evaluate(() => (globalThis as unknown as { __xss?: string }).__xss ?? null);
      assert.equal(flag, null, `${where}: injected code ran (${flag})`);
      assert.equal(dialogs, 0, where);
    };
    const shot = async (name: string) => {
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    };

    test('pasted text with <script> and <img onerror> is shown as text and nothing runs', async () => {
      await page.goto(`${base}/`);
      await page.fill('#input-text', XSS_TEXT);
      await page.selectOption('#input-format', 'text');
      await page.click('#analyze-button');
      await page.waitForSelector('#analyze-result .doc-root');
      const shown = await page.textContent('#analyze-result .doc');
      assert.ok(shown!.includes('<script>window.__xss = "script"</script>'), shown!);
      assert.ok(shown!.includes('<img src=x onerror='));
      assert.equal(await page.locator('#analyze-result script, #analyze-result img, #analyze-result b').count(), 0);
      await page.hover('#analyze-result .doc');
      await noXss('pasted text');
      await shot('analyze-text');
    });

    test('pasted HTML with scripts: extracted, escaped, nothing runs', async () => {
      await page.goto(`${base}/#/analyze`);
      const html =
        '<html><head><title>Piège</title><script>window.__xss="head"</script></head><body onload="window.__xss=\'onload\'"><article><h1>Un titre &lt;img src=x onerror=alert(1)&gt;</h1>' +
        '<p>Le maire de Rennes a présenté son budget, <img src=x onerror="window.__xss=\'html-img\'"> un texte assez long pour être du contenu.</p>' +
        '<p>Second paragraphe &lt;script&gt;window.__xss="entity"&lt;/script&gt; assez long lui aussi pour compter dans l\'article.</p></article></body></html>';
      await page.fill('#input-text', html);
      await page.selectOption('#input-format', 'html');
      await page.click('#analyze-button');
      await page.waitForSelector('#analyze-result .doc-root');
      const title = await page.textContent('#analyze-result .doc-title');
      assert.ok(title!.includes('<img src=x onerror=alert(1)>'), title!);
      const body = await page.textContent('#analyze-result .doc');
      // Whether the extractor keeps the paragraph that quotes markup is its business; when it
      // does, the markup must show as text.
      if (body!.includes('window.__xss="entity"')) assert.ok(body!.includes('<script>window.__xss="entity"</script>'), body!);
      assert.equal(await page.locator('#analyze-result script, #analyze-result img').count(), 0);
      await noXss('pasted HTML');
    });

    test('stored article: entities highlighted by type, quotes with speakers, claims and denials linked, flags with suggestions', async () => {
      await page.goto(`${base}/#/article/${ids[0]}`);
      await page.waitForSelector('#article-result .doc-root');
      assert.equal(await page.textContent('#article-result .doc-title'), "Macron défend la réforme à l'Élysée");
      assert.ok((await page.locator('#article-result .doc .ent-PER').count()) >= 3);
      assert.ok((await page.locator('#article-result .doc .ent-LOC').count()) >= 2);
      const quote = page.locator('#article-result .quotes .quote-item').first();
      assert.equal(await quote.locator('.quote-text').textContent(), "Nous irons jusqu'au bout");
      assert.equal(await quote.locator('.speaker').textContent(), 'Emmanuel Macron');
      assert.equal(await page.locator('#article-result .claims .badge.deny').count(), 1);
      await page.click('#article-result .claims .denies-link');
      assert.equal(await page.locator('#claim-0.highlight').count(), 1);
      assert.equal(await page.textContent('#article-result .flags .suggestion'), 'Mardi');
      assert.match((await page.getAttribute('#article-result .doc p .flag', 'title'))!, /A test flag/);
      // Clicking an entity in the list outlines all its mentions in the text.
      await page.click('#article-result .entities .entity-link >> text=Emmanuel Macron');
      assert.equal(await page.locator('#article-result .doc .ent.selected').count(), 2);
      await shot('article');
      await noXss('article view');
    });

    test('dependency tree: SVG arcs for a sentence', async () => {
      await page.goto(`${base}/#/article/${treeId}`);
      await page.waitForSelector('#article-result svg.dep-svg');
      const words = await page.locator('svg.dep-svg text.word').allTextContents();
      assert.deepEqual(words, ['Le', 'ministre', 'a', 'annoncé', 'une', 'réforme', 'ambitieuse', '.']);
      assert.equal(await page.locator('svg.dep-svg path.arc').count(), 7);
      const labels = await page.locator('svg.dep-svg text.label').allTextContents();
      for (const l of ['det', 'nsubj', 'aux', 'obj', 'amod', 'punct']) assert.ok(labels.includes(l), l);
      assert.equal(await page.textContent('svg.dep-svg text.word.root'), 'annoncé');
      await shot('tree');
    });

    test('search page: hits across kinds, hostile stored content escaped', async () => {
      await page.goto(`${base}/#/search`);
      await page.fill('#search-q', 'quimper');
      await page.click('#search-button');
      await page.waitForSelector('#search-results li.hit');
      const title = await page.textContent('#search-results li.hit .hit-title');
      assert.equal(title, '<img src=x onerror="window.__xss=\'title\'">Titre piégé');
      assert.equal(await page.locator('#search-results img, #search-results script, #search-results b').count(), 0);
      await page.click('#search-results li.hit .hit-title');
      await page.waitForSelector('#article-result .doc-root');
      assert.equal(await page.locator('#article-result img, #article-result script, #article-result i, #article-result b').count(), 0);
      assert.ok((await page.textContent('#article-result .quotes'))!.includes('<script>window.__xss="stored"</script>'));
      await noXss('hostile stored article');
      assert.equal(hostileId > 0, true);

      await page.goto(`${base}/#/search`);
      await page.fill('#search-q', '');
      await page.selectOption('#search-kind', 'quote');
      await page.fill('#search-speaker', 'Macron');
      await page.click('#search-button');
      await page.waitForSelector('#search-results li.hit');
      assert.equal(await page.locator('#search-results li.hit').count(), 1);
      assert.equal(await page.textContent('#search-results li.hit .hit-text'), "Nous irons jusqu'au bout");
      await shot('search');
    });

    test('analyse and store from the page needs the token', async () => {
      await page.goto(`${base}/#/analyze`);
      await page.fill('#input-text', 'Un article sur la ville de Vannes et son nouveau port de plaisance, présenté jeudi.');
      await page.selectOption('#input-format', 'text');
      await page.fill('#input-token', 'wrong-token-000');
      await page.click('#store-button');
      // (No waitForFunction with a string: the page's CSP rightly forbids eval.)
      await page.waitForSelector('#analyze-status.error');
      assert.match((await page.textContent('#analyze-status'))!, /401/);
      await page.fill('#input-token', TOKEN);
      await page.click('#store-button');
      await page.waitForURL(/#\/article\/\d+$/);
      await page.waitForSelector('#article-result .doc-root');
      assert.match((await page.textContent('#article-result .doc'))!, /Vannes/);
      assert.deepEqual(pageErrors, []);
    });
  });
}
