/* nastavnik: поиск по разделу без внешних служб.
   Индекс (search-index.js) собран при сборке сайта: основы слов получены стеммером Snowball для
   русского языка (libstemmer). Здесь — перенос того же алгоритма на JavaScript: запрос приводится
   к тем же основам, поэтому «наставников» находит страницы со словом «наставник». */
(function (global) {
  'use strict';

  // --- Snowball: Russian stemming algorithm (snowballstem.org/algorithms/russian/stemmer.html) ---
  var VOWELS = 'аеиоуыэюя';
  var PERFECTIVE_GERUND_1 = ['в', 'вши', 'вшись'];
  var PERFECTIVE_GERUND_2 = ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'];
  var ADJECTIVE = ['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'его',
    'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею'];
  var PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ'];
  var PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
  var REFLEXIVE = ['ся', 'сь'];
  var VERB_1 = ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь',
    'нно'];
  var VERB_2 = ['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен',
    'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю'];
  var NOUN = ['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й',
    'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я'];
  var SUPERLATIVE = ['ейш', 'ейше'];
  var DERIVATIONAL = ['ост', 'ость'];

  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }

  // The longest of the endings that the word ends with, lying at or after `limit` (Snowball's among).
  function among(w, limit, lists) {
    var best = null, group = 0;
    for (var g = 0; g < lists.length; g++) {
      for (var i = 0; i < lists[g].length; i++) {
        var e = lists[g][i];
        if (w.length - e.length >= limit && w.slice(w.length - e.length) === e && (!best || e.length > best.length)) {
          best = e;
          group = g;
        }
      }
    }
    return best === null ? null : { ending: best, group: group };
  }
  // Group 1 endings must follow «а» or «я» (inside the region).
  function afterAYa(w, limit, ending) {
    var p = w.length - ending.length - 1;
    return p >= limit && (w[p] === 'а' || w[p] === 'я');
  }
  function cut(w, ending) { return w.slice(0, w.length - ending.length); }

  function stem(word) {
    var w = word.replace(/ё/g, 'е');
    var n = w.length, pV = n, p2 = n, i = 0;
    while (i < n && !isVowel(w[i])) i++;
    if (i < n) {
      pV = i + 1;
      i = pV;
      while (i < n && isVowel(w[i])) i++;
      if (i < n) {
        i++;
        while (i < n && !isVowel(w[i])) i++;
        if (i < n) {
          i++;
          while (i < n && isVowel(w[i])) i++;
          if (i < n) p2 = i + 1;
        }
      }
    }
    // Step 1
    var m = among(w, pV, [PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2]);
    var done = false;
    if (m && (m.group === 1 || afterAYa(w, pV, m.ending))) {
      w = cut(w, m.ending);
      done = true;
    }
    if (!done) {
      m = among(w, pV, [REFLEXIVE]);
      if (m) w = cut(w, m.ending);
      m = among(w, pV, [ADJECTIVE]);
      if (m) {
        w = cut(w, m.ending);
        m = among(w, pV, [PARTICIPLE_1, PARTICIPLE_2]);
        if (m && (m.group === 1 || afterAYa(w, pV, m.ending))) w = cut(w, m.ending);
      } else {
        m = among(w, pV, [VERB_1, VERB_2]);
        if (m && (m.group === 1 || afterAYa(w, pV, m.ending))) {
          w = cut(w, m.ending);
        } else {
          m = among(w, pV, [NOUN]);
          if (m) w = cut(w, m.ending);
        }
      }
    }
    // Step 2
    if (w.length - 1 >= pV && w[w.length - 1] === 'и') w = w.slice(0, -1);
    // Step 3
    m = among(w, pV, [DERIVATIONAL]);
    if (m && w.length - m.ending.length >= p2) w = cut(w, m.ending);
    // Step 4
    m = among(w, pV, [SUPERLATIVE, ['н'], ['ь']]);
    if (m) {
      if (m.group === 0) {
        w = cut(w, m.ending);
        if (w.length - 2 >= pV && w.slice(-2) === 'нн') w = w.slice(0, -1);
      } else if (m.group === 1) {
        if (w.length - 2 >= pV && w[w.length - 2] === 'н') w = w.slice(0, -1);
      } else {
        w = w.slice(0, -1);
      }
    }
    return w;
  }

  // --- Words: the same rules as the index (generator/render/html/search.cpp) ---
  var STOP = {};
  ('во не на со ко об от до по за из под над при про для без но да или ли же бы то как что это так его ' +
   'ее их он она оно они мы вы все том также').split(' ').forEach(function (s) { STOP[s] = true; });
  var WORD = /[0-9a-zа-я]+/g;

  function normalize(text) { return String(text).toLowerCase().replace(/ё/g, 'е'); }
  function words(text) {
    var found = normalize(text).match(WORD) || [];
    return found.filter(function (x) { return x.length > 1 && !STOP[x]; });
  }

  // Pages that contain every word of the query, best first.
  function search(index, query) {
    var stems = [];
    words(query).forEach(function (x) {
      var s = stem(x);
      if (stems.indexOf(s) < 0) stems.push(s);
    });
    if (!stems.length || !index) return { stems: stems, results: [] };
    var score = {}, hits = {};
    stems.forEach(function (s) {
      var postings = Object.prototype.hasOwnProperty.call(index.terms, s) ? index.terms[s] : [];
      for (var i = 0; i + 1 < postings.length; i += 2) {
        score[postings[i]] = (score[postings[i]] || 0) + postings[i + 1];
        hits[postings[i]] = (hits[postings[i]] || 0) + 1;
      }
    });
    var results = [];
    Object.keys(hits).forEach(function (k) {
      if (hits[k] === stems.length) results.push({ page: index.pages[+k], score: score[k] });
    });
    results.sort(function (a, b) { return b.score - a.score || (a.page.t < b.page.t ? -1 : 1); });
    return { stems: stems, results: results };
  }

  function plural(n, one, few, many) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return one;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
    return many;
  }

  // Text with the words of the query marked.
  function marked(text, stems) {
    var frag = document.createDocumentFragment(), last = 0, m;
    var norm = normalize(text);
    WORD.lastIndex = 0;
    while ((m = WORD.exec(norm)) !== null) {
      if (stems.indexOf(stem(m[0])) < 0) continue;
      if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(m.index, m.index + m[0].length);
      frag.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function run() {
    var input = document.getElementById('search-page-q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    if (!input || !status || !list) return;
    var q = '';
    var m = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (m) {
      try { q = decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { q = ''; }
    }
    input.value = q;
    var header = document.getElementById('search-q');
    if (header) header.value = q;
    if (!q.trim()) {
      status.textContent = 'Введите слова для поиска: например, «наставник» или «дорожная карта».';
      return;
    }
    var index = global.NK_SEARCH_INDEX;
    if (!index) {
      status.textContent = 'Поисковый индекс не загружен: обновите страницу.';
      return;
    }
    var r = search(index, q);
    if (!r.stems.length) {
      status.textContent = 'В запросе нет слов для поиска: уточните его.';
      return;
    }
    var n = r.results.length;
    status.textContent = n ? 'По запросу «' + q + '» ' + plural(n, 'найдена', 'найдены', 'найдено') + ' ' + n + ' ' +
      plural(n, 'страница', 'страницы', 'страниц') + '.' : 'По запросу «' + q + '» ничего не найдено.';
    r.results.forEach(function (x) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = x.page.u;
      a.appendChild(marked(x.page.t, r.stems));
      li.appendChild(a);
      if (x.page.o) {
        var org = document.createElement('span');
        org.className = 'muted';
        org.textContent = ' — ' + x.page.o;
        li.appendChild(org);
      }
      if (x.page.s) {
        var p = document.createElement('p');
        p.appendChild(marked(x.page.s, r.stems));
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  global.NKSearch = { stem: stem, words: words, search: search };
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
    else run();
  }
})(typeof window !== 'undefined' ? window : this);
