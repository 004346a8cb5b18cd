// app.js: the page of `dixit serve` (docs/serve.md). No framework, no
// build step, nothing fetched but the API of the same origin. The views
// are chosen by the URL hash (#/search?…, #/speaker/ID, #/article/ID?a=N,
// #/quotation/ID), so every state is a link and the back button works.
// Every text that comes from the corpus enters the page as a text node or
// an attribute value (h() below), never as HTML. Offsets in the API count
// Unicode code points; cpIndex() turns them into JavaScript string indices.
'use strict';

(() => {
  // ------------------------------------------------------------ language
  const LANG = String(navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
  document.documentElement.lang = LANG;

  const WORDS = {
    en: {
      tagline: 'who said what, to whom',
      search: 'Search the quotations',
      searchHint: 'words, "a phrase", prefix*',
      filters: 'Active filters',
      remove: 'remove this filter',
      clearAll: 'clear all',
      facets: 'Refine',
      timeline: 'Attributions over time',
      perMonth: 'per month',
      perWeek: 'per week',
      timelineHelp: 'Click a bar to keep that period, drag or Shift+click another bar for a range. Keyboard: arrows to move, Enter to choose, Shift+Enter to extend.',
      clearRange: 'all dates',
      results: 'Results',
      total: (n) => `${n} attribution${n === 1 ? '' : 's'}`,
      none: 'No attribution matches.',
      more: 'More results',
      loading: 'Loading…',
      failed: 'Could not load: ',
      speaker: 'Speaker',
      outlet: 'Outlet',
      month: 'Month',
      week: 'Week',
      act: 'Speech act',
      type: 'Type',
      gender: 'Gender',
      lang: 'Language',
      min_confidence: 'Confidence at least',
      q: 'Words',
      since: 'Since',
      until: 'Until',
      period: 'Period',
      noValue: '(none)',
      female: 'woman',
      male: 'man',
      unknown: 'unknown',
      direct: 'direct',
      indirect: 'indirect',
      mixed: 'mixed',
      confidence: 'confidence',
      confidenceLabel: 'Confidence',
      cue: 'cue',
      cueLabel: 'Cue',
      article: 'article',
      quotationPage: 'every appearance',
      back: 'Back to the search',
      variants: 'Names in the articles',
      genderEvidence: 'evidence',
      attributions: 'attributions',
      articles: 'articles',
      firstDate: 'first',
      lastDate: 'last',
      overTime: 'Over time',
      speaksTo: 'Speaks to',
      accuses: 'Accuses',
      recent: 'Recent quotations',
      allOf: 'All their quotations in the search',
      nobody: 'nobody named',
      addressee: 'To',
      source: 'According to',
      channel: 'Channel',
      content: 'quoted words',
      mention: 'speaker mention',
      inArticle: 'Attributions in this article',
      noText: 'This database was indexed without the articles\' text (--no-text): only the attributions are shown.',
      original: 'original',
      published: 'published',
      quotation: 'Quotation',
      seen: 'Where it appeared',
      firstSeen: 'first seen',
      occurrences: (n) => `${n} appearance${n === 1 ? '' : 's'}`,
      outlets: (n) => `${n} outlet${n === 1 ? '' : 's'}`,
      notFound: 'Nothing here: ',
      date: 'Date',
      title: 'Title',
    },
    fr: {
      tagline: 'qui a dit quoi, à qui',
      search: 'Chercher dans les citations',
      searchHint: 'mots, « une expression », préfixe*',
      filters: 'Filtres actifs',
      remove: 'retirer ce filtre',
      clearAll: 'tout effacer',
      facets: 'Affiner',
      timeline: 'Attributions dans le temps',
      perMonth: 'par mois',
      perWeek: 'par semaine',
      timelineHelp: 'Cliquer une barre garde cette période ; glisser ou Maj+clic sur une autre barre choisit un intervalle. Clavier : flèches pour se déplacer, Entrée pour choisir, Maj+Entrée pour étendre.',
      clearRange: 'toutes les dates',
      results: 'Résultats',
      total: (n) => `${n} attribution${n > 1 ? 's' : ''}`,
      none: 'Aucune attribution ne correspond.',
      more: 'Plus de résultats',
      loading: 'Chargement…',
      failed: 'Chargement impossible : ',
      speaker: 'Locuteur',
      outlet: 'Média',
      month: 'Mois',
      week: 'Semaine',
      act: 'Acte de parole',
      type: 'Type',
      gender: 'Genre',
      lang: 'Langue',
      min_confidence: 'Confiance d\'au moins',
      q: 'Mots',
      since: 'Depuis',
      until: 'Jusqu\'au',
      period: 'Période',
      noValue: '(aucun)',
      female: 'femme',
      male: 'homme',
      unknown: 'inconnu',
      direct: 'directe',
      indirect: 'indirecte',
      mixed: 'mixte',
      confidence: 'confiance',
      confidenceLabel: 'Confiance',
      cue: 'verbe',
      cueLabel: 'Verbe',
      article: 'article',
      quotationPage: 'toutes ses reprises',
      back: 'Retour à la recherche',
      variants: 'Noms dans les articles',
      genderEvidence: 'indice',
      attributions: 'attributions',
      articles: 'articles',
      firstDate: 'première',
      lastDate: 'dernière',
      overTime: 'Dans le temps',
      speaksTo: 'S\'adresse à',
      accuses: 'Accuse',
      recent: 'Citations récentes',
      allOf: 'Toutes ses citations dans la recherche',
      nobody: 'personne de nommé',
      addressee: 'À',
      source: 'Selon',
      channel: 'Canal',
      content: 'propos',
      mention: 'mention du locuteur',
      inArticle: 'Attributions de cet article',
      noText: 'Cette base a été indexée sans le texte des articles (--no-text) : seules les attributions sont montrées.',
      original: 'original',
      published: 'publié',
      quotation: 'Citation',
      seen: 'Où elle a paru',
      firstSeen: 'première parution',
      occurrences: (n) => `${n} parution${n > 1 ? 's' : ''}`,
      outlets: (n) => `${n} média${n > 1 ? 's' : ''}`,
      notFound: 'Rien ici : ',
      date: 'Date',
      title: 'Titre',
    },
  };
  const W = WORDS[LANG];
  const COLON = LANG === 'fr' ? '\u00a0: ' : ': ';
  const tr = (key) => (Object.prototype.hasOwnProperty.call(W, key) ? W[key] : key);
  const NUM = new Intl.NumberFormat(LANG);
  const num = (n) => NUM.format(n || 0);
  const pct = (c) => (c == null ? '' : new Intl.NumberFormat(LANG, { style: 'percent' }).format(c));
  let LANG_NAMES = null;
  try { LANG_NAMES = new Intl.DisplayNames([LANG], { type: 'language' }); } catch (e) { LANG_NAMES = null; }
  const langName = (code) => {
    try { return (LANG_NAMES && code && LANG_NAMES.of(code)) || code; } catch (e) { return code; }
  };

  // ------------------------------------------------------------ DOM helpers
  // h('a', {href, class, onclick}, kids…): attributes by setAttribute,
  // children as nodes or text nodes. No innerHTML anywhere in this file.
  function h(tag, props, ...kids) {
    const e = document.createElement(tag);
    setProps(e, props);
    add(e, kids);
    return e;
  }
  const SVGNS = 'http://www.w3.org/2000/svg';
  function s(tag, props, ...kids) {
    const e = document.createElementNS(SVGNS, tag);
    setProps(e, props);
    add(e, kids);
    return e;
  }
  function setProps(e, props) {
    if (!props) return;
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  function add(e, kids) {
    for (const k of kids.flat(Infinity)) {
      if (k == null || k === false) continue;
      e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
  }
  const clear = (e) => { while (e.firstChild) e.firstChild.remove(); return e; };

  // A link out of the page only for http(s) addresses: a javascript: URL
  // from an article stays text.
  function outLink(url, label) {
    if (typeof url === 'string' && /^https?:\/\//i.test(url))
      return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank', class: 'out' }, label || url);
    return url ? h('span', { class: 'url' }, label || url) : null;
  }

  // ------------------------------------------------------------ the API
  async function api(path, params, signal) {
    const qs = params ? new URLSearchParams(params).toString() : '';
    const res = await fetch('/api/' + path + (qs ? '?' + qs : ''), { signal, headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const err = new Error((body && body.error) || res.status + ' ' + res.statusText);
      err.status = res.status;
      throw err;
    }
    return body;
  }
  const isAbort = (e) => e && e.name === 'AbortError';

  // ------------------------------------------------------------ the hash
  const FILTERS = ['q', 'speaker', 'outlet', 'since', 'until', 'act', 'type', 'lang', 'gender', 'min_confidence'];
  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, '');
    const qi = raw.indexOf('?');
    const path = qi < 0 ? raw : raw.slice(0, qi);
    const params = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
    const parts = path.split('/').filter(Boolean);
    const view = parts[0] || 'search';
    return { view, id: parts[1] ? decodeURIComponent(parts[1]) : null, params };
  }
  function stateFrom(params) {
    const st = {};
    for (const k of FILTERS) {
      const v = params.get(k);
      if (v != null && v !== '') st[k] = v;
    }
    return st;
  }
  function searchHash(st) {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (st[k] != null && st[k] !== '') p.set(k, st[k]);
    const qs = p.toString();
    return '#/search' + (qs ? '?' + qs : '');
  }
  const without = (st, ...keys) => {
    const o = Object.assign({}, st);
    for (const k of keys) delete o[k];
    return o;
  };
  const speakerHref = (id) => '#/speaker/' + encodeURIComponent(id);
  const articleHref = (id, a) => '#/article/' + encodeURIComponent(id) + (a != null ? '?a=' + encodeURIComponent(a) : '');
  const quotationHref = (id) => '#/quotation/' + encodeURIComponent(id);

  let lastSearch = '#/search';
  const main = document.getElementById('main');
  // main[aria-busy] while a view loads; main[data-shown] is the hash whose
  // view is drawn (the browser tests wait on it).
  const busy = () => { main.setAttribute('aria-busy', 'true'); delete main.dataset.shown; };
  const shown = () => { main.setAttribute('aria-busy', 'false'); main.dataset.shown = location.hash; };

  // Names of persons seen so far, for the chip of a speaker filter given
  // by id.
  const personNames = new Map();

  // ------------------------------------------------------------ small pieces
  function typeLabel(type) { return type ? tr(type) : ''; }
  function valueLabel(kind, v) {
    if (v == null || v === '') return W.noValue;
    if (kind === 'gender') return tr(v);
    if (kind === 'type') return tr(v);
    if (kind === 'lang') return langName(v);
    return v;
  }
  function loadingLine() { return h('p', { class: 'status', role: 'status' }, W.loading); }
  function errorLine(e) { return h('p', { class: 'error', role: 'alert' }, (e && e.status === 404 ? W.notFound : W.failed) + (e && e.message ? e.message : String(e))); }

  // The quoted words of a row: its parts joined by " … " when the API gives
  // them (offsets in the article, code points), else the quotation whole.
  function quotedWords(r) {
    const q = r.quotation || '';
    if (!Array.isArray(r.parts) || r.parts.length < 2 || r.start == null) return q;
    const cps = Array.from(q);
    const bits = r.parts.map(([a, b]) => cps.slice(a - r.start, b - r.start).join(''));
    return bits.every((b) => b.length) ? bits.join(' … ') : q;
  }

  // One search result (also a speaker page's recent quotations).
  function resultItem(r) {
    if (r.person != null && r.person_name) personNames.set(String(r.person), r.person_name);
    const who = r.person_name || r.speaker;
    const speaker = r.person != null
      ? h('a', { class: 'speaker', href: speakerHref(r.person) }, who)
      : h('span', { class: 'speaker' }, who || W.noValue);
    const bits = [speaker];
    if (r.cue) bits.push(h('span', { class: 'cue' }, r.cue));
    if (r.act) bits.push(h('span', { class: 'act' }, '(' + r.act + ')'));
    const meta = h('p', { class: 'meta' }, bits);
    const where = h('p', { class: 'where' },
      r.site ? h('span', { class: 'outlet' }, r.site) : null,
      r.date ? h('time', { datetime: r.date }, r.date) : null,
      h('span', { class: 'conf', title: W.confidence }, W.confidence + ' ' + pct(r.confidence)),
      h('span', { class: 'badge type-' + (r.type || 'x') }, typeLabel(r.type)));
    const links = h('p', { class: 'links' },
      h('a', { href: articleHref(r.article, r.attribution), class: 'to-article' }, W.article + COLON, h('cite', null, r.title || r.doc || '')),
      r.quote != null ? h('a', { href: quotationHref(r.quote), class: 'to-quotation' }, W.quotationPage) : null);
    return h('li', { class: 'result', 'data-attribution': r.attribution, 'data-person': r.person },
      h('blockquote', { class: 'quote type-' + (r.type || 'x'), lang: r.lang || null }, quotedWords(r)),
      meta, where, links);
  }

  // A bar chart of [{value,count}] as SVG, drawn here in the pixels of its
  // box (redrawn when the box changes width, so text is never stretched).
  // opts.interactive turns the bars into buttons (the search timeline).
  const PAD = 8;
  function barChart(items, opts) {
    const height = opts.height || 130;
    const svg = s('svg', {
      class: 'chart' + (opts.interactive ? ' interactive' : ''),
      role: opts.interactive ? 'group' : 'img', 'aria-label': opts.label,
    });
    let drawnWidth = 0;
    const draw = (width) => {
      const focused = svg.contains(document.activeElement) ? document.activeElement.getAttribute('data-i') : null;
      const tabbed = svg.querySelector('g.bar[tabindex="0"]');
      const fi = tabbed ? +tabbed.getAttribute('data-i') : (opts.focusIndex || 0);
      drawnWidth = width;
      clear(svg);
      svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
      const top = 18, bottom = 24;
      const n = items.length;
      const max = Math.max(1, ...items.map((b) => b.count));
      const bw = (width - 2 * PAD) / Math.max(n, 1);
      const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(width / 64))));
      items.forEach((b, i) => {
        const x = PAD + i * bw;
        const bh = b.count ? Math.max(2, (height - top - bottom) * b.count / max) : 1;
        const g = s('g', {
          class: 'bar' + (b.selected ? ' selected' : ''), 'data-i': i, 'data-value': b.value,
          tabindex: opts.interactive ? (i === fi ? 0 : -1) : null,
          role: opts.interactive ? 'button' : null,
          'aria-pressed': opts.interactive ? String(!!b.selected) : null,
          'aria-label': `${b.label || b.value}: ${num(b.count)}`,
        },
        s('title', null, `${b.label || b.value}: ${num(b.count)}`),
        s('rect', { class: 'hit', x, y: 0, width: bw, height: height - bottom + 4 }),
        s('rect', { class: 'fill', x: x + bw * 0.12, y: height - bottom - bh, width: Math.max(1, bw * 0.76), height: bh }));
        if (bw >= 18 && b.count) g.append(s('text', { class: 'count', x: x + bw / 2, y: height - bottom - bh - 4, 'text-anchor': 'middle' }, num(b.count)));
        if (i % every === 0) g.append(s('text', { class: 'label', x: x + bw / 2, y: height - 7, 'text-anchor': 'middle' }, b.short || b.value));
        svg.append(g);
      });
      if (focused != null) {
        const g = svg.querySelector(`g.bar[data-i="${focused}"]`);
        if (g) g.focus();
      }
    };
    draw(opts.width || 800);
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver((entries) => {
        const w = Math.round(entries[entries.length - 1].contentRect.width);
        if (w > 0 && Math.abs(w - drawnWidth) >= 2) draw(w);
      }).observe(svg);
    }
    return svg;
  }

  // Months from first to last, with the gaps filled; weeks likewise.
  function monthsFilled(rows) {
    const have = new Map(rows.filter((r) => r.value).map((r) => [r.value, r.count]));
    const keys = [...have.keys()].sort();
    if (!keys.length) return [];
    let [y, m] = keys[0].split('-').map(Number);
    const [ly, lm] = keys[keys.length - 1].split('-').map(Number);
    const out = [];
    while ((y < ly || (y === ly && m <= lm)) && out.length < 2400) {
      const v = `${y}-${String(m).padStart(2, '0')}`;
      out.push({ value: v, count: have.get(v) || 0, since: v, until: v, short: m === 1 || out.length === 0 ? v : v.slice(5) });
      m++;
      if (m > 12) { m = 1; y++; }
    }
    return out;
  }
  const dayMs = 86400000;
  const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
  function weeksFilled(rows) {
    const ok = rows.filter((r) => r.value && r.start);
    if (!ok.length) return [];
    const have = new Map(ok.map((r) => [r.start, r]));
    const starts = [...have.keys()].sort();
    const out = [];
    for (let t = Date.parse(starts[0] + 'T00:00:00Z'), end = Date.parse(starts[starts.length - 1] + 'T00:00:00Z'); t <= end && out.length < 600; t += 7 * dayMs) {
      const st = isoDay(t);
      const r = have.get(st);
      out.push({ value: r ? r.value : st, label: (r ? r.value + ' · ' : '') + st, count: r ? r.count : 0, since: st, until: isoDay(t + 6 * dayMs), short: st.slice(5) });
    }
    return out;
  }

  // ------------------------------------------------------------ search view
  const FACET_KINDS = ['speaker', 'outlet', 'month', 'act', 'type', 'gender', 'lang'];
  const search = (() => {
    let root = null, input, chips, status, list, moreBtn, facetsBox, timelineBox;
    let state = {};
    let loadedKey = null;
    let ctrl = null, moreCtrl = null;
    let offset = 0;
    const LIMIT = 25;
    let timer = 0;
    let anchor = null; // the period the last bar click chose, for Shift+click
    let bars = [];
    let focusBar = null;
    let loading = false;

    function build() {
      input = h('input', { id: 'q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', placeholder: W.searchHint });
      input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(typed, 250);
      });
      const form = h('form', { role: 'search', class: 'searchbar', onsubmit: (e) => { e.preventDefault(); clearTimeout(timer); typed(); } },
        h('label', { for: 'q' }, W.search), input);
      chips = h('ul', { class: 'chips', 'aria-label': W.filters });
      timelineBox = h('section', { class: 'timeline', 'aria-labelledby': 'tl-h' });
      facetsBox = h('nav', { class: 'facets', 'aria-label': W.facets });
      status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
      list = h('ol', { class: 'results', 'aria-label': W.results });
      moreBtn = h('button', { type: 'button', class: 'more', hidden: true, onclick: more }, W.more);
      root = h('section', { class: 'search-view' }, form, chips, timelineBox,
        h('div', { class: 'columns' }, facetsBox, h('div', { class: 'results-col' }, status, list, moreBtn)));
    }

    function typed() {
      const q = input.value.trim();
      if ((state.q || '') === q) return;
      const st = Object.assign({}, state);
      if (q) st.q = q; else delete st.q;
      // typing replaces the current entry: the back button goes to the
      // previous filters, not through every letter
      history.replaceState(null, '', searchHash(st));
      show(st);
    }

    function show(st) {
      if (!root) build();
      if (!root.isConnected) { clear(main).append(root); }
      document.title = 'dixit' + (st.q ? ' · ' + st.q : '');
      state = st;
      lastSearch = searchHash(st);
      if (input.value.trim() !== (st.q || '')) input.value = st.q || '';
      const key = lastSearch;
      if (key === loadedKey) { if (loading) busy(); else shown(); return; }
      loadedKey = key;
      refresh();
    }

    function filterParams(st, extra) {
      return Object.assign({}, st, extra || {});
    }

    async function refresh() {
      if (ctrl) ctrl.abort();
      if (moreCtrl) moreCtrl.abort();
      ctrl = new AbortController();
      const sig = ctrl.signal;
      const st = state;
      renderChips(st);
      status.textContent = W.loading;
      root.classList.add('busy');
      busy();
      loading = true;
      offset = 0;
      try {
        const [res, stats, tl] = await Promise.all([
          api('search', filterParams(st, { limit: LIMIT, offset: 0 }), sig),
          api('stats', filterParams(st, { by: FACET_KINDS.join(','), limit: 12 }), sig),
          api('stats', filterParams(without(st, 'since', 'until'), { by: 'month,week', limit: 1 }), sig),
        ]);
        if (sig.aborted) return;
        const total = (stats.facets.type || []).reduce((a, b) => a + b.count, 0);
        clear(list);
        res.results.forEach((r) => list.append(resultItem(r)));
        offset = res.results.length;
        moreBtn.hidden = !res.more;
        status.textContent = res.results.length ? W.total(total) : W.none;
        renderFacets(st, stats.facets);
        renderTimeline(st, tl.facets);
        renderChips(st);
        shown();
      } catch (e) {
        if (isAbort(e)) return;
        status.textContent = '';
        clear(list).append(h('li', null, errorLine(e)));
        moreBtn.hidden = true;
        shown();
      } finally {
        if (!sig.aborted) { root.classList.remove('busy'); loading = false; }
      }
    }

    async function more() {
      if (moreCtrl) moreCtrl.abort();
      moreCtrl = new AbortController();
      const sig = moreCtrl.signal;
      moreBtn.disabled = true;
      try {
        const res = await api('search', filterParams(state, { limit: LIMIT, offset }), sig);
        const first = list.children.length;
        res.results.forEach((r) => list.append(resultItem(r)));
        offset += res.results.length;
        moreBtn.hidden = !res.more;
        const next = list.children[first];
        if (next && !res.more) { const a = next.querySelector('a'); if (a) a.focus(); }
      } catch (e) {
        if (!isAbort(e)) list.append(h('li', null, errorLine(e)));
      } finally {
        moreBtn.disabled = false;
      }
    }

    // What a facet value sets, and whether it is set now.
    function facetFilter(kind, item) {
      if (kind === 'speaker') return { speaker: item.id != null ? String(item.id) : item.value };
      if (kind === 'month') return { since: item.value, until: item.value };
      return { [kind]: item.value };
    }
    function isActive(st, f) { return Object.keys(f).every((k) => st[k] === f[k]); }

    function renderFacets(st, facets) {
      clear(facetsBox);
      facetsBox.append(h('h2', { class: 'sr-only' }, W.facets));
      for (const kind of FACET_KINDS) {
        const items = facets[kind] || [];
        if (!items.length) continue;
        const ul = h('ul', null);
        const shown = kind === 'month' ? items.slice().reverse() : items;
        for (const it of shown) {
          if (kind === 'speaker' && it.id != null && it.value) personNames.set(String(it.id), it.value);
          const label = valueLabel(kind, it.value);
          const count = h('span', { class: 'count' }, num(it.count));
          if (it.value == null || it.value === '') {
            ul.append(h('li', { class: 'novalue' }, h('span', { class: 'v' }, label), count));
            continue;
          }
          const f = facetFilter(kind, it);
          const on = isActive(st, f);
          const href = searchHash(on ? without(st, ...Object.keys(f)) : Object.assign({}, st, f));
          ul.append(h('li', null, h('a', { href, class: 'facet-value' + (on ? ' on' : ''), 'aria-current': on ? 'true' : null, 'data-kind': kind, 'data-value': it.value, 'data-id': it.id },
            h('span', { class: 'v' }, label), count)));
        }
        facetsBox.append(h('section', { class: 'facet facet-' + kind }, h('h3', null, tr(kind)), ul));
      }
    }

    function renderChips(st) {
      clear(chips);
      const chip = (label, value, rm) => chips.append(h('li', { class: 'chip' },
        h('span', { class: 'k' }, label), ' ', h('span', { class: 'v' }, value), ' ',
        h('a', { href: searchHash(without(st, ...rm)), class: 'x', 'aria-label': W.remove + ' (' + label + ': ' + value + ')', title: W.remove }, '×')));
      for (const k of FILTERS) {
        if (k === 'q' || k === 'since' || k === 'until' || st[k] == null) continue;
        let v = st[k];
        if (k === 'speaker' && /^\d+$/.test(v)) {
          v = personNames.get(v) || ('#' + v);
          if (!personNames.has(st[k])) nameOf(st[k]);
        } else v = valueLabel(k, v);
        chip(tr(k), v, [k]);
      }
      if (st.since && st.until) chip(W.period, st.since === st.until ? st.since : st.since + ' – ' + st.until, ['since', 'until']);
      else if (st.since) chip(W.since, st.since, ['since']);
      else if (st.until) chip(W.until, st.until, ['until']);
      chips.hidden = !chips.children.length;
    }
    async function nameOf(id) {
      try {
        const sp = await api('speakers/' + encodeURIComponent(id));
        personNames.set(String(id), sp.name);
        if (state.speaker === String(id)) renderChips(state);
      } catch (e) { /* the chip keeps the id */ }
    }

    function renderTimeline(st, facets) {
      const months = monthsFilled(facets.month || []);
      const weekly = months.length > 0 && months.length <= 4 && (facets.week || []).length > 0;
      bars = weekly ? weeksFilled(facets.week) : months;
      // the bars inside since..until are selected
      for (const b of bars) b.selected = !!(st.since || st.until) && (!st.since || b.until >= st.since) && (!st.until || b.since <= st.until + '~');
      const hadFocus = timelineBox.contains(document.activeElement);
      let fi = bars.findIndex((b) => b.value === focusBar);
      if (fi < 0) fi = Math.max(0, bars.findIndex((b) => b.selected));
      clear(timelineBox);
      const head = h('div', { class: 'tl-head' },
        h('h2', { id: 'tl-h' }, W.timeline, ' ', h('small', null, weekly ? W.perWeek : W.perMonth)),
        (st.since || st.until) ? h('a', { href: searchHash(without(st, 'since', 'until')), class: 'clear-range' }, W.clearRange) : null);
      timelineBox.append(head);
      if (!bars.length) return;
      const svg = barChart(bars, { interactive: true, label: W.timeline, focusIndex: fi, height: 130, width: timelineBox.clientWidth - 32 });
      wireTimeline(svg);
      timelineBox.append(svg, h('p', { class: 'hint' }, W.timelineHelp));
      if (hadFocus) {
        const g = svg.querySelector(`g.bar[data-i="${fi}"]`);
        if (g) g.focus();
      }
    }

    function choose(i, j) {
      const a = Math.min(i, j), b = Math.max(i, j);
      const st = Object.assign({}, state, { since: bars[a].since, until: bars[b].until });
      location.hash = searchHash(st);
    }

    function wireTimeline(svg) {
      let drag = null;
      const indexAt = (ev) => {
        const r = svg.getBoundingClientRect();
        const vw = svg.viewBox.baseVal.width || r.width;
        const x = (ev.clientX - r.left) / r.width * vw;
        const bw = (vw - 2 * PAD) / bars.length;
        return Math.max(0, Math.min(bars.length - 1, Math.floor((x - PAD) / bw)));
      };
      const mark = (i, j) => {
        const a = Math.min(i, j), b = Math.max(i, j);
        svg.querySelectorAll('g.bar').forEach((g) => g.classList.toggle('dragging', +g.dataset.i >= a && +g.dataset.i <= b));
      };
      const click = (i, shift) => {
        focusBar = bars[i].value;
        if (shift && anchor != null) {
          const k = bars.findIndex((b) => b.value === anchor);
          if (k >= 0) { choose(k, i); return; }
        }
        anchor = bars[i].value;
        choose(i, i);
      };
      svg.addEventListener('pointerdown', (ev) => {
        if (ev.button !== 0) return;
        ev.preventDefault();
        drag = { from: indexAt(ev), to: indexAt(ev), shift: ev.shiftKey };
        mark(drag.from, drag.to);
        try { svg.setPointerCapture(ev.pointerId); } catch (e) { /* not capturable */ }
      });
      svg.addEventListener('pointermove', (ev) => {
        if (!drag) return;
        drag.to = indexAt(ev);
        mark(drag.from, drag.to);
      });
      svg.addEventListener('pointerup', (ev) => {
        if (!drag) return;
        const d = drag;
        drag = null;
        d.to = indexAt(ev);
        if (d.to === d.from) click(d.from, d.shift || ev.shiftKey);
        else { anchor = bars[d.from].value; focusBar = bars[d.to].value; choose(d.from, d.to); }
      });
      svg.addEventListener('pointercancel', () => { drag = null; mark(-1, -1); });
      svg.addEventListener('keydown', (ev) => {
        const g = ev.target.closest && ev.target.closest('g.bar');
        if (!g) return;
        const i = +g.dataset.i;
        let to = null;
        if (ev.key === 'ArrowRight' || ev.key === 'ArrowUp') to = Math.min(bars.length - 1, i + 1);
        else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowDown') to = Math.max(0, i - 1);
        else if (ev.key === 'Home') to = 0;
        else if (ev.key === 'End') to = bars.length - 1;
        else if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); click(i, ev.shiftKey); return; }
        if (to == null) return;
        ev.preventDefault();
        const next = svg.querySelector(`g.bar[data-i="${to}"]`);
        g.setAttribute('tabindex', '-1');
        next.setAttribute('tabindex', '0');
        next.focus();
        focusBar = bars[to].value;
      });
    }

    return { show };
  })();

  // ------------------------------------------------------------ speaker view
  async function speakerView(id) {
    const box = h('article', { class: 'page speaker-page' }, backLink(), loadingLine());
    clear(main).append(box);
    let sp;
    busy();
    try { sp = await api('speakers/' + encodeURIComponent(id)); } catch (e) { box.lastChild.replaceWith(errorLine(e)); shown(); return; }
    if (!box.isConnected) return;
    personNames.set(String(sp.id), sp.name);
    document.title = sp.name + ' · dixit';
    const facts = h('dl', { class: 'facts' },
      h('div', null, h('dt', null, W.attributions), h('dd', null, num(sp.attributions))),
      h('div', null, h('dt', null, W.articles), h('dd', null, num(sp.articles))),
      h('div', null, h('dt', null, W.firstDate), h('dd', null, sp.first_date || '–')),
      h('div', null, h('dt', null, W.lastDate), h('dd', null, sp.last_date || '–')));
    const gender = sp.gender ? h('p', { class: 'gender' }, h('span', { class: 'badge gender-' + sp.gender }, tr(sp.gender)),
      sp.gender_evidence ? [' ', h('span', { class: 'evidence' }, W.genderEvidence + COLON, sp.gender_evidence)] : null) : null;
    const nameList = (rows) => rows && rows.length
      ? h('ul', { class: 'counted' }, rows.map((r) => h('li', null, h('span', { class: 'v' }, r.name || W.noValue), h('span', { class: 'count' }, num(r.count)))))
      : h('p', { class: 'muted' }, W.nobody);
    const tl = monthsFilled(sp.timeline || []);
    const recent = h('ol', { class: 'results' }, (sp.recent || []).map(resultItem));
    clear(box).append(backLink(),
      h('h1', { tabindex: -1 }, sp.name),
      gender,
      facts,
      h('p', null, h('a', { href: searchHash({ speaker: String(sp.id) }), class: 'all-of' }, W.allOf)),
      h('div', { class: 'grid2' },
        h('section', null, h('h2', null, W.variants), nameList(sp.variants)),
        h('section', null, h('h2', null, W.overTime), tl.length ? barChart(tl, { label: W.overTime, height: 110 }) : h('p', { class: 'muted' }, '–')),
        h('section', null, h('h2', null, W.speaksTo), nameList(sp.addressees)),
        h('section', null, h('h2', null, W.accuses), nameList(sp.accuses))),
      h('h2', null, W.recent), recent);
    box.querySelector('h1').focus({ preventScroll: true });
    shown();
  }

  function backLink() { return h('p', { class: 'back' }, h('a', { href: lastSearch }, '← ' + W.back)); }

  // ------------------------------------------------------------ article view
  // cpIndex(text): u16[k] is the UTF-16 index of code point k (k = 0..n).
  function cpIndex(text) {
    const u16 = [0];
    let at = 0;
    for (const ch of text) { at += ch.length; u16.push(at); }
    return u16;
  }

  const ROLE_RANK = { content: 0, speaker: 1, cue: 2 };
  const PALETTE = 8;

  // The article's text as nodes: split at every boundary of every span;
  // each piece is wrapped in one element per span covering it, longest
  // outside, and consecutive pieces share the elements they have in common.
  function highlighted(text, atts, colour) {
    const u16 = cpIndex(text);
    const n = u16.length - 1;
    const spans = [];
    const push = (a, role, st, en) => {
      if (st == null || en == null) return;
      st = Math.max(0, Math.min(n, st)); en = Math.max(0, Math.min(n, en));
      if (en <= st) return;
      spans.push({ a, role, st, en });
    };
    for (const a of atts) {
      const parts = Array.isArray(a.parts) && a.parts.length ? a.parts : [[a.start, a.end]];
      for (const p of parts) push(a, 'content', p[0], p[1]);
      push(a, 'cue', a.cue_start, a.cue_end);
      push(a, 'speaker', a.speaker_start, a.speaker_end);
    }
    const cuts = new Set([0, n]);
    for (const sp of spans) { cuts.add(sp.st); cuts.add(sp.en); }
    const bounds = [...cuts].sort((x, y) => x - y);
    const order = (x, y) => (y.en - y.st) - (x.en - x.st) || x.st - y.st || ROLE_RANK[x.role] - ROLE_RANK[y.role] || x.a.attribution - y.a.attribution;
    const root = h('div', { class: 'article-text' });
    let stack = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const b0 = bounds[i], b1 = bounds[i + 1];
      const chain = spans.filter((sp) => sp.st <= b0 && sp.en >= b1).sort(order);
      let k = 0;
      while (k < stack.length && k < chain.length && stack[k].sp === chain[k]) k++;
      stack = stack.slice(0, k);
      let parent = k ? stack[k - 1].el : root;
      for (let j = k; j < chain.length; j++) {
        const sp = chain[j];
        const el = h('span', {
          class: `hl hl-${sp.role} pal-${colour(sp.a)}`,
          tabindex: 0,
          'data-attribution': sp.a.attribution, 'data-role': sp.role, 'data-start': sp.st, 'data-end': sp.en,
        });
        parent.append(el);
        stack.push({ sp, el });
        parent = el;
      }
      parent.append(document.createTextNode(text.slice(u16[b0], u16[b1])));
    }
    return root;
  }

  let articleCache = null;
  let tip = null;
  function tipFor(a, role, el) {
    if (!tip) {
      tip = h('div', { id: 'tip', class: 'tip', role: 'tooltip', hidden: true });
      document.body.append(tip);
    }
    const row = (k, v) => (v == null || v === '' ? null : h('div', null, h('dt', null, k), h('dd', null, String(v))));
    clear(tip).append(
      h('p', { class: 'tip-role' }, role === 'content' ? W.content : role === 'cue' ? W.cue : W.mention),
      h('dl', null,
        row(W.speaker, a.speaker),
        row(W.cueLabel, a.cue),
        row(W.act, a.act),
        row(W.addressee, a.addressee),
        row(W.source, a.source),
        row(W.channel, a.channel),
        row(W.type, typeLabel(a.type)),
        row(W.confidenceLabel, pct(a.confidence))));
    tip.hidden = false;
    const r = el.getBoundingClientRect();
    const box = el.closest('.article-text');
    const br = box ? box.getBoundingClientRect() : r;
    const tw = Math.min(320, window.innerWidth - 16);
    tip.style.maxWidth = tw + 'px';
    let left, top;
    if (br.right + 16 + tw <= window.innerWidth) {
      // beside the text, level with the span: nothing of the text hidden
      left = br.right + 16;
      top = r.top;
    } else {
      left = Math.max(8, Math.min(r.left, window.innerWidth - tip.offsetWidth - 8));
      top = r.bottom + 6;
    }
    tip.style.left = (left + window.scrollX) + 'px';
    tip.style.top = (top + window.scrollY) + 'px';
    el.setAttribute('aria-describedby', 'tip');
  }
  function hideTip() { if (tip) tip.hidden = true; }

  async function articleView(id, params) {
    const want = params.get('a');
    let art = articleCache && String(articleCache.id) === String(id) ? articleCache : null;
    const box = h('article', { class: 'page article-page' }, backLink(), loadingLine());
    clear(main).append(box);
    hideTip();
    busy();
    if (!art) {
      try { art = await api('articles/' + encodeURIComponent(id)); } catch (e) { box.lastChild.replaceWith(errorLine(e)); shown(); return; }
      if (!box.isConnected) return;
      articleCache = art;
    }
    document.title = (art.title || art.doc || '') + ' · dixit';
    const atts = art.attributions || [];
    const byId = new Map(atts.map((a) => [String(a.attribution), a]));
    // one colour per speaker, in order of first appearance
    const colours = new Map();
    const colour = (a) => {
      const key = a.person != null ? 'p' + a.person : 's' + (a.speaker || '');
      if (!colours.has(key)) colours.set(key, colours.size % PALETTE);
      return colours.get(key);
    };
    atts.forEach(colour);
    const head = h('header', { class: 'article-head' },
      h('h1', { tabindex: -1 }, art.title || art.doc || ''),
      h('p', { class: 'where' },
        art.site ? h('span', { class: 'outlet' }, art.site) : null,
        art.date ? h('time', { datetime: art.date }, art.date) : null,
        art.lang ? h('span', { class: 'lang' }, langName(art.lang)) : null,
        art.authors ? h('span', { class: 'authors' }, art.authors) : null),
      art.url ? h('p', { class: 'url-line' }, outLink(art.url)) : null);
    const legend = h('p', { class: 'legend' },
      h('span', { class: 'hl hl-content pal-0' }, W.content), ' ',
      h('span', { class: 'hl hl-cue pal-0' }, W.cue), ' ',
      h('span', { class: 'hl hl-speaker pal-0' }, W.mention));
    let body;
    if (art.text == null) body = h('p', { class: 'muted' }, W.noText);
    else body = highlighted(art.text, atts, colour);
    if (art.lang) body.setAttribute('lang', art.lang);
    const show = (ev) => {
      const el = ev.target.closest && ev.target.closest('[data-attribution]');
      if (!el || !body.contains(el)) return;
      const a = byId.get(el.dataset.attribution);
      if (a) tipFor(a, el.dataset.role, el);
    };
    body.addEventListener('mouseover', show);
    body.addEventListener('focusin', show);
    body.addEventListener('mouseleave', hideTip);
    body.addEventListener('focusout', hideTip);
    body.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') hideTip();
      const el = ev.target.closest && ev.target.closest('[data-attribution]');
      if (el && ev.key === 'Enter') location.hash = articleHref(art.id, el.dataset.attribution);
    });
    const listing = h('ol', { class: 'attr-list' }, atts.map((a) => h('li', {
      class: 'pal-' + colour(a) + (String(a.attribution) === want ? ' is-target' : ''), 'data-attribution': a.attribution,
    },
    h('a', { href: articleHref(art.id, a.attribution), class: 'swatch-link' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('q', null, a.quotation)),
    ' ', a.person != null ? h('a', { href: speakerHref(a.person) }, a.speaker || '') : h('span', null, a.speaker || W.noValue),
    a.cue ? [' · ', h('span', { class: 'cue' }, a.cue)] : null,
    a.act ? [' · ', h('span', { class: 'act' }, a.act)] : null,
    ' · ', h('span', { class: 'conf' }, pct(a.confidence)),
    a.quote != null ? [' · ', h('a', { href: quotationHref(a.quote) }, W.quotationPage)] : null)));
    clear(box).append(backLink(), head, legend, body, h('section', { class: 'in-article' }, h('h2', null, W.inArticle), listing));
    let target = null;
    if (want != null) {
      body.querySelectorAll(`[data-attribution="${CSS.escape(want)}"]`).forEach((el) => el.classList.add('is-target'));
      target = body.querySelector(`[data-attribution="${CSS.escape(want)}"][data-role="content"]`) ||
        body.querySelector(`[data-attribution="${CSS.escape(want)}"]`);
    }
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    } else box.querySelector('h1').focus({ preventScroll: true });
    shown();
  }

  // ------------------------------------------------------------ quotation view
  async function quotationView(id) {
    const box = h('article', { class: 'page quotation-page' }, backLink(), loadingLine());
    clear(main).append(box);
    let qt;
    busy();
    try { qt = await api('quotations/' + encodeURIComponent(id)); } catch (e) { box.lastChild.replaceWith(errorLine(e)); shown(); return; }
    if (!box.isConnected) return;
    document.title = W.quotation + ' · dixit';
    const rows = (qt.seen || []).map((r) => h('tr', { class: r.first ? 'first' : null },
      h('td', null, r.date ? h('time', { datetime: r.date }, r.date) : '–', r.first ? [' ', h('span', { class: 'badge first-badge' }, W.firstSeen)] : null),
      h('td', null, r.site || '–'),
      h('td', null, h('a', { href: articleHref(r.article, r.attribution) }, r.title || r.doc || '')),
      h('td', null, r.speaker || '')));
    clear(box).append(backLink(),
      h('h1', { tabindex: -1, class: 'sr-only' }, W.quotation),
      h('blockquote', { class: 'quote big' }, qt.text),
      h('p', { class: 'meta' },
        qt.person != null ? h('a', { class: 'speaker', href: speakerHref(qt.person) }, qt.speaker || '') : h('span', { class: 'speaker' }, qt.speaker || W.noValue),
        h('span', null, W.occurrences(qt.occurrences || 0)),
        h('span', null, W.outlets(qt.outlets || 0)),
        qt.first_date ? h('span', null, W.firstSeen + ' ', h('time', { datetime: qt.first_date }, qt.first_date)) : null),
      h('h2', null, W.seen),
      h('div', { class: 'table-wrap' }, h('table', { class: 'seen' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, W.date), h('th', { scope: 'col' }, W.outlet), h('th', { scope: 'col' }, W.title), h('th', { scope: 'col' }, W.speaker))),
        h('tbody', null, rows))));
    box.querySelector('h1').focus({ preventScroll: true });
    shown();
  }

  // ------------------------------------------------------------ routing
  function route() {
    const r = parseHash();
    hideTip();
    if (r.view === 'speaker' && r.id) return speakerView(r.id);
    if (r.view === 'article' && r.id) return articleView(r.id, r.params);
    if (r.view === 'quotation' && r.id) return quotationView(r.id);
    return search.show(stateFrom(r.params));
  }

  function frame() {
    const header = document.querySelector('header.top');
    if (header && !header.querySelector('.tagline')) header.append(h('span', { class: 'tagline' }, W.tagline));
  }

  window.addEventListener('hashchange', route);
  frame();
  route();
})();
