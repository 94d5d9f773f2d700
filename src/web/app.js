// vigie web page: plain JavaScript, no build step.
// Safety rule: everything that comes from an article is put in the page as text
// (textContent, createTextNode, setAttribute on harmless attributes) — never as HTML.
'use strict';

(function () {
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** Creates an element; string children become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'className') el.className = v;
        else if (k === 'onclick') el.addEventListener('click', v);
        else if (k === 'href') el.setAttribute('href', safeHref(v));
        else if (k === 'text') el.textContent = String(v);
        else el.setAttribute(k, String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return el;
  }

  function svg(tag, attrs, text) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = String(text);
    return el;
  }

  /** Only in-page links and http(s) URLs; anything else (javascript:, data:) becomes inert. */
  function safeHref(v) {
    const s = String(v);
    if (s.startsWith('#/')) return s;
    try {
      const u = new URL(s);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    } catch (e) {
      /* not a URL */
    }
    return '#';
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  const $ = (id) => document.getElementById(id);

  // ---------- API ----------

  async function api(path, init) {
    const res = await fetch(path, init);
    let body = null;
    const text = await res.text();
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      body = { message: text };
    }
    if (!res.ok) {
      const msg = body && body.message ? body.message : res.statusText;
      const err = new Error(`${res.status}: ${msg}`);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  // ---------- Document rendering ----------

  const TYPE_NAMES = { PER: 'personne', ORG: 'organisation', LOC: 'lieu', MISC: 'divers' };

  function spanText(doc, s) {
    return doc.text.slice(s.start, s.end);
  }

  /**
   * Splits a paragraph into segments at every span boundary and wraps each segment in the
   * layers that cover it (entity mention, quote, flag), all as text nodes.
   */
  function renderParagraph(doc, para, layers) {
    const cuts = new Set([para.start, para.end]);
    const inPara = (s) => s.end > para.start && s.start < para.end;
    const spans = layers.filter(inPara);
    for (const s of spans) {
      cuts.add(Math.max(para.start, s.start));
      cuts.add(Math.min(para.end, s.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const p = h('p', { className: para.kind === 'title' ? 'title' : para.kind === 'dek' ? 'dek' : null });
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      if (a === b) continue;
      const text = doc.text.slice(a, b);
      const active = spans.filter((s) => s.start <= a && s.end >= b);
      if (!active.length) {
        p.appendChild(document.createTextNode(text));
        continue;
      }
      const classes = [];
      const data = {};
      const titles = [];
      // The shortest mention wins when mentions nest.
      const mention = active.filter((s) => s.layer === 'mention').sort((x, y) => x.end - x.start - (y.end - y.start))[0];
      if (mention) {
        classes.push('ent', 'ent-' + mention.type);
        data['data-entity'] = mention.entity;
        titles.push(`${mention.entityName} (${TYPE_NAMES[mention.entityType] || mention.entityType})${mention.link ? ' — ' + mention.link : ''}`);
      }
      const quote = active.find((s) => s.layer === 'quote');
      if (quote) {
        classes.push('quote');
        data['data-quote'] = quote.index;
      }
      const flag = active.find((s) => s.layer === 'flag');
      if (flag) {
        classes.push('flag');
        data['data-flag'] = flag.index;
        titles.push(`${flag.message}${flag.suggestions.length ? ' → ' + flag.suggestions.join(', ') : ''}`);
      }
      const span = h('span', { className: classes.join(' '), title: titles.join('\n') || null, ...data }, text);
      if (mention) span.addEventListener('click', () => selectEntity(span.closest('.doc-root'), mention.entity));
      p.appendChild(span);
    }
    return p;
  }

  function selectEntity(root, id) {
    if (!root) return;
    for (const el of root.querySelectorAll('.ent.selected')) el.classList.remove('selected');
    for (const el of root.querySelectorAll('.ent')) if (el.getAttribute('data-entity') === String(id)) el.classList.add('selected');
  }

  function layersOf(doc) {
    const layers = [];
    const ents = doc.entities || [];
    for (const e of ents) {
      for (const m of e.mentions || []) {
        layers.push({ layer: 'mention', start: m.start, end: m.end, type: m.type, entity: e.id, entityName: e.name, entityType: e.type, link: m.link });
      }
    }
    (doc.quotes || []).forEach((q, i) => {
      if (q.content) layers.push({ layer: 'quote', start: q.content.start, end: q.content.end, index: i });
    });
    (doc.flags || []).forEach((f, i) => {
      layers.push({ layer: 'flag', start: f.start, end: f.end, index: i, message: f.message || f.rule, suggestions: f.suggestions || [] });
    });
    return layers.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= doc.text.length && s.end > s.start);
  }

  function entityName(doc, id) {
    const e = (doc.entities || []).find((x) => x.id === id);
    return e ? e.name : null;
  }

  function renderDocument(doc, info) {
    const root = h('div', { className: 'doc-root' });
    const meta = doc.meta || {};
    root.appendChild(h('h2', { className: 'doc-title' }, meta.title || '(sans titre)'));
    const metaLine = h('div', { className: 'meta' });
    const add = (label, value) => value && metaLine.appendChild(h('span', null, label ? `${label} ${value}` : value));
    add('', meta.siteName);
    add('', meta.date);
    add('par', (meta.authors || []).join(', '));
    add('langue', meta.lang ? `${meta.lang}${meta.langConfidence ? ` (${Math.round(meta.langConfidence * 100)} %)` : ''}` : null);
    if (info && info.id) add('article n°', String(info.id));
    root.appendChild(metaLine);
    if (meta.url) {
      root.appendChild(h('div', { className: 'meta' }, 'Source : ', h('a', { href: meta.url, rel: 'noopener noreferrer nofollow', target: '_blank', className: 'source-url' }, meta.url)));
    }
    const stages = (doc.stages || []).map((s) => (s.model ? `${s.name} (${s.model})` : s.name)).join(', ');
    if (stages) root.appendChild(h('div', { className: 'meta' }, 'Étapes : ' + stages));

    const legend = h('div', { className: 'legend' }, 'Entités : ');
    for (const t of ['PER', 'ORG', 'LOC', 'MISC']) legend.appendChild(h('span', { className: 'ent-' + t }, TYPE_NAMES[t]));
    legend.appendChild(h('span', { className: 'quote' }, 'citation'));
    legend.appendChild(h('span', { className: 'flag' }, 'signalement'));

    const grid = h('div', { className: 'grid' });
    const left = h('div', { className: 'panel doc' });
    left.appendChild(legend);
    const layers = layersOf(doc);
    const paragraphs = doc.paragraphs && doc.paragraphs.length ? doc.paragraphs : [{ start: 0, end: doc.text.length, kind: 'body' }];
    for (const para of paragraphs) left.appendChild(renderParagraph(doc, para, layers));
    const right = h('div', null);
    right.appendChild(renderEntities(doc, root));
    right.appendChild(renderQuotes(doc));
    right.appendChild(renderClaims(doc));
    right.appendChild(renderFlags(doc));
    grid.appendChild(left);
    grid.appendChild(right);
    root.appendChild(grid);
    root.appendChild(renderSentences(doc));
    return root;
  }

  function section(title, count) {
    return h('div', { className: 'panel' }, h('h3', null, `${title} (${count})`));
  }

  function renderEntities(doc, root) {
    const ents = doc.entities || [];
    const box = section('Entités', ents.length);
    box.classList.add('entities');
    const ul = h('ul', { className: 'list' });
    for (const e of ents) {
      ul.appendChild(
        h(
          'li',
          null,
          h('span', { className: 'badge' }, e.type),
          h('a', { href: '#', className: 'entity-link', onclick: (ev) => (ev.preventDefault(), selectEntity(root, e.id)) }, e.name),
          ` — ${(e.mentions || []).length} mention(s)`,
        ),
      );
    }
    if (!ents.length) ul.appendChild(h('li', { className: 'meta' }, 'aucune'));
    box.appendChild(ul);
    return box;
  }

  function renderQuotes(doc) {
    const qs = doc.quotes || [];
    const box = section('Citations', qs.length);
    box.classList.add('quotes');
    const ul = h('ul', { className: 'list' });
    qs.forEach((q, i) => {
      const who = q.speakerEntity !== null && q.speakerEntity !== undefined ? entityName(doc, q.speakerEntity) : null;
      const speaker = q.speaker ? spanText(doc, q.speaker) : null;
      ul.appendChild(
        h(
          'li',
          { className: 'quote-item', id: `quote-${i}` },
          h('span', { className: 'badge' }, q.type),
          h('q', { className: 'quote-text' }, spanText(doc, q.content)),
          h('div', { className: 'meta' }, '— ', h('strong', { className: 'speaker' }, who || speaker || 'locuteur inconnu'), speaker && who && speaker !== who ? ` (« ${speaker} »)` : '', q.cue ? ` · ${q.cue.lemma || spanText(doc, q.cue)}` : ''),
        ),
      );
    });
    if (!qs.length) ul.appendChild(h('li', { className: 'meta' }, 'aucune'));
    box.appendChild(ul);
    return box;
  }

  function renderClaims(doc) {
    const cs = doc.claims || [];
    const box = section('Accusations et démentis', cs.length);
    box.classList.add('claims');
    const ul = h('ul', { className: 'list' });
    cs.forEach((c, i) => {
      const claimant = (c.claimantEntity !== null && c.claimantEntity !== undefined ? entityName(doc, c.claimantEntity) : null) || (c.claimant ? spanText(doc, c.claimant) : '?');
      const target = (c.targetEntity !== null && c.targetEntity !== undefined ? entityName(doc, c.targetEntity) : null) || (c.target ? spanText(doc, c.target) : null);
      const li = h(
        'li',
        { className: 'claim', id: `claim-${i}` },
        h('span', { className: 'badge ' + c.stance }, c.stance),
        h('strong', null, claimant),
        target ? ` → ${target}` : '',
        ' : ',
        h('span', { className: 'claim-text' }, spanText(doc, c.content)),
      );
      if (c.denies !== null && c.denies !== undefined && cs[c.denies]) {
        li.appendChild(
          h('div', { className: 'meta' }, 'dément ', h('a', { href: '#', className: 'denies-link', onclick: (ev) => (ev.preventDefault(), highlightClaim(c.denies)) }, `l'affirmation n° ${c.denies + 1}`)),
        );
      }
      const deniedBy = cs.map((x, k) => (x.denies === i ? k : -1)).filter((k) => k >= 0);
      for (const k of deniedBy) {
        li.appendChild(h('div', { className: 'meta' }, 'démentie par ', h('a', { href: '#', className: 'denied-by-link', onclick: (ev) => (ev.preventDefault(), highlightClaim(k)) }, `n° ${k + 1}`)));
      }
      ul.appendChild(li);
    });
    if (!cs.length) ul.appendChild(h('li', { className: 'meta' }, 'aucune'));
    box.appendChild(ul);
    return box;
  }

  function highlightClaim(i) {
    for (const el of document.querySelectorAll('.claim.highlight')) el.classList.remove('highlight');
    const el = document.getElementById(`claim-${i}`);
    if (el) {
      el.classList.add('highlight');
      el.scrollIntoView({ block: 'nearest' });
    }
  }

  function renderFlags(doc) {
    const fs = doc.flags || [];
    const box = section('Signalements de langue', fs.length);
    box.classList.add('flags');
    const ul = h('ul', { className: 'list' });
    for (const f of fs) {
      ul.appendChild(
        h(
          'li',
          { className: 'flag-item' },
          h('span', { className: 'badge' }, f.rule),
          h('span', { className: 'flag' }, spanText(doc, f)),
          ` — ${f.message || ''}`,
          (f.suggestions || []).length ? h('div', null, 'Suggestions : ', (f.suggestions || []).map((s) => h('span', { className: 'suggestion' }, s))) : null,
        ),
      );
    }
    if (!fs.length) ul.appendChild(h('li', { className: 'meta' }, 'aucun'));
    box.appendChild(ul);
    return box;
  }

  function renderSentences(doc) {
    const sents = doc.sentences || [];
    const box = h('div', { className: 'panel sentences' }, h('h3', null, `Analyse syntaxique (${sents.length} phrases)`));
    if (!sents.length) {
      box.appendChild(h('p', { className: 'meta' }, "Pas d'annotation syntaxique pour ce document."));
      return box;
    }
    const select = h('select', { id: 'sentence-select' });
    sents.forEach((s, i) => {
      const t = doc.text.slice(s.start, s.end).replace(/\s+/g, ' ');
      select.appendChild(h('option', { value: String(i) }, `${i + 1}. ${t.length > 90 ? t.slice(0, 89) + '…' : t}`));
    });
    const holder = h('div', { className: 'deptree' });
    const show = () => {
      clear(holder);
      holder.appendChild(depTree(sents[Number(select.value)]));
    };
    select.addEventListener('change', show);
    box.appendChild(h('div', { className: 'row' }, h('label', null, 'Phrase ', select)));
    box.appendChild(holder);
    show();
    return box;
  }

  /** A displaCy-like dependency tree: words on a line, arcs above them from head to dependent. */
  function depTree(sent) {
    const words = sent.words || [];
    const step = 100;
    const arcs = [];
    words.forEach((w, i) => {
      if (typeof w.head === 'number' && w.head >= 0 && w.head < words.length && w.head !== i) {
        arcs.push({ from: Math.min(i, w.head), to: Math.max(i, w.head), dir: w.head < i ? 'right' : 'left', label: w.deprel, dep: i });
      }
    });
    // Levels: an arc sits above every arc it spans.
    arcs.sort((a, b) => a.to - a.from - (b.to - b.from));
    for (const a of arcs) {
      let level = 1;
      for (const b of arcs) if (b !== a && b.level && b.from >= a.from && b.to <= a.to) level = Math.max(level, b.level + 1);
      a.level = level;
    }
    const maxLevel = arcs.reduce((m, a) => Math.max(m, a.level), 1);
    const unit = 26;
    const top = maxLevel * unit + 30;
    const width = Math.max(300, words.length * step + 40);
    const height = top + 60;
    const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'dep-svg' });
    const x = (i) => 30 + i * step + step / 2;
    words.forEach((w, i) => {
      root.appendChild(svg('text', { x: x(i), y: top + 22, 'text-anchor': 'middle', class: 'word', 'data-index': i }, w.form));
      root.appendChild(svg('text', { x: x(i), y: top + 40, 'text-anchor': 'middle', class: 'tag' }, w.upos));
    });
    for (const a of arcs) {
      const x1 = x(a.from) + (a.dir === 'left' ? 0 : 6);
      const x2 = x(a.to) - (a.dir === 'right' ? 0 : 6);
      const y = top;
      const yTop = top - a.level * unit;
      root.appendChild(svg('path', { class: 'arc', d: `M${x1},${y} C${x1},${yTop} ${x2},${yTop} ${x2},${y}` }));
      const ax = a.dir === 'right' ? x2 : x1;
      root.appendChild(svg('path', { class: 'arrow', d: `M${ax},${y + 2} L${ax - 4},${y - 6} L${ax + 4},${y - 6} Z` }));
      root.appendChild(svg('text', { x: (x1 + x2) / 2, y: yTop + a.level * unit * 0.25 - 2, 'text-anchor': 'middle', class: 'label' }, a.label));
    }
    // The root word is drawn in bold.
    for (const el of root.querySelectorAll('text.word')) {
      const i = Number(el.getAttribute('data-index'));
      if (words[i] && words[i].head === -1) el.setAttribute('class', 'word root');
    }
    return root;
  }

  // ---------- Analyse view ----------

  function analyzeBody() {
    const text = $('input-text').value;
    const format = $('input-format').value;
    const lang = $('input-lang').value;
    const url = $('input-url').value.trim();
    const looksHtml = /^\s*</.test(text);
    const body = {};
    if (format === 'html' || (format === 'auto' && looksHtml)) body.html = text;
    else body.text = text;
    if (lang !== 'auto') body.lang = lang;
    if (url) body.url = url;
    return body;
  }

  async function runAnalyze(store) {
    const status = $('analyze-status');
    const out = $('analyze-result');
    const body = analyzeBody();
    clear(out);
    if (!(body.html || body.text || '').trim()) {
      status.textContent = 'Rien à analyser : collez un article ou choisissez un fichier.';
      status.className = 'status error';
      return;
    }
    status.textContent = store ? 'Analyse et enregistrement…' : 'Analyse…';
    status.className = 'status';
    $('analyze-button').disabled = true;
    $('store-button').disabled = true;
    try {
      if (store) {
        const token = $('input-token').value;
        const put = await api('/articles', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        status.textContent = put.created ? `Enregistré : article n° ${put.id}.` : `Déjà dans le corpus : article n° ${put.id}.`;
        location.hash = `#/article/${put.id}`;
        return;
      }
      const doc = await api('/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      clear(out).appendChild(renderDocument(doc));
      status.textContent = `Analysé : ${(doc.sentences || []).length} phrases, ${(doc.entities || []).length} entités, ${(doc.quotes || []).length} citations.`;
    } catch (err) {
      status.textContent = `Erreur ${err.message}`;
      status.className = 'status error';
    } finally {
      $('analyze-button').disabled = false;
      $('store-button').disabled = false;
    }
  }

  // ---------- Search view ----------

  function hitLine(hit) {
    const head = h('div', null, h('span', { className: 'badge' }, hit.kind), h('a', { href: `#/article/${hit.article_id}`, className: 'hit-title' }, hit.title || `article n° ${hit.article_id}`));
    const meta = h('div', { className: 'meta' });
    for (const v of [hit.site, hit.date, hit.lang]) if (v) meta.appendChild(h('span', null, v));
    let extra = null;
    if (hit.kind === 'quote') extra = h('div', { className: 'meta' }, '— ', h('strong', null, hit.speaker || 'locuteur inconnu'), hit.cue ? ` · ${hit.cue}` : '');
    if (hit.kind === 'entity') extra = h('div', { className: 'meta' }, h('a', { href: `#/entity/${hit.entity_id}` }, `${hit.entity_name} (${hit.entity_type})`));
    if (hit.kind === 'claim') extra = h('div', { className: 'meta' }, h('span', { className: 'badge ' + hit.stance }, hit.stance), `${hit.claimant || '?'}${hit.target ? ' → ' + hit.target : ''}`);
    return h('li', { className: 'hit' }, head, h('div', { className: 'hit-text' }, hit.text), extra, meta);
  }

  async function runSearch() {
    const params = new URLSearchParams();
    const q = $('search-q').value.trim();
    params.set('q', q);
    params.set('kind', $('search-kind').value);
    const speaker = $('search-speaker').value.trim();
    if (speaker) params.set('speaker', speaker);
    if ($('search-lang').value) params.set('lang', $('search-lang').value);
    if ($('search-site').value.trim()) params.set('site', $('search-site').value.trim());
    if ($('search-from').value) params.set('from', $('search-from').value);
    if ($('search-to').value) params.set('to', $('search-to').value);
    params.set('limit', '50');
    const status = $('search-status');
    const list = clear($('search-results'));
    status.textContent = 'Recherche…';
    status.className = 'status';
    try {
      const res = await api(`/search?${params}`);
      for (const hit of res.hits) list.appendChild(hitLine(hit));
      status.textContent = `${res.hits.length} résultat(s)`;
    } catch (err) {
      status.textContent = `Erreur ${err.message}`;
      status.className = 'status error';
    }
  }

  // ---------- Article and entity views ----------

  async function showArticle(id) {
    const out = clear($('article-result'));
    out.appendChild(h('p', { className: 'status' }, 'Chargement…'));
    try {
      const a = await api(`/articles/${encodeURIComponent(id)}`);
      clear(out).appendChild(renderDocument(a.document, a));
    } catch (err) {
      clear(out).appendChild(h('p', { className: 'error' }, `Erreur ${err.message}`));
    }
  }

  async function showEntity(id) {
    const out = clear($('entity-result'));
    try {
      const e = await api(`/entities/${encodeURIComponent(id)}`);
      out.appendChild(h('h2', null, e.name, ' ', h('span', { className: 'badge' }, e.type)));
      out.appendChild(h('p', { className: 'meta' }, `${e.mentionCount} mention(s) dans ${e.articleCount} article(s)`));
      const ul = h('ul', { className: 'list panel' });
      for (const m of e.mentions) {
        ul.appendChild(h('li', null, h('a', { href: `#/article/${m.article_id}` }, m.title || `article n° ${m.article_id}`), ` — « ${m.text} » (${m.start}–${m.end})`));
      }
      out.appendChild(ul);
    } catch (err) {
      out.appendChild(h('p', { className: 'error' }, `Erreur ${err.message}`));
    }
  }

  // ---------- Routing ----------

  function route() {
    const hash = location.hash || '#/analyze';
    const views = { analyze: 'view-analyze', search: 'view-search', article: 'view-article', entity: 'view-entity' };
    const m = /^#\/(analyze|search|article|entity)(?:\/(\d+))?/.exec(hash);
    const name = m ? m[1] : 'analyze';
    for (const [k, id] of Object.entries(views)) $(id).hidden = k !== name;
    $('nav-analyze').classList.toggle('active', name === 'analyze');
    $('nav-search').classList.toggle('active', name === 'search');
    if (name === 'article' && m[2]) showArticle(m[2]);
    if (name === 'entity' && m[2]) showEntity(m[2]);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('analyze-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      runAnalyze(false);
    });
    $('store-button').addEventListener('click', () => runAnalyze(true));
    $('input-file').addEventListener('change', async () => {
      const f = $('input-file').files[0];
      if (!f) return;
      if (f.size > 2 * 1024 * 1024) {
        $('analyze-status').textContent = 'Fichier trop gros (2 Mo au plus).';
        return;
      }
      $('input-text').value = await f.text();
      if (/\.html?$/i.test(f.name)) $('input-format').value = 'html';
      else if (/\.(txt|md)$/i.test(f.name)) $('input-format').value = 'text';
    });
    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      runSearch();
    });
    window.addEventListener('hashchange', route);
    route();
  });

  // Exposed for tests and the console.
  window.vigie = { renderDocument, depTree };
})();
