/* nastavnik: версия для слабовидящих.
   Настройки (размер шрифта, цвета, изображения, интервал между буквами) ставят классы на <html>
   и хранятся в localStorage, поэтому действуют на всех страницах раздела. Без JavaScript кнопка
   скрыта, а страница остаётся обычной и полностью доступной (масштаб браузера работает до 200 %). */
(function () {
  'use strict';
  var KEY = 'nastavnik-a11y';
  var ALLOWED = {
    fs: ['100', '125', '150', '175', '200'],
    scheme: ['bw', 'wb', 'blue'],
    img: ['on', 'off'],
    ls: ['0', '1', '2']
  };
  var DEFAULTS = { on: false, fs: '150', scheme: 'bw', img: 'on', ls: '0' };
  var root = document.documentElement;

  function load() {
    var s = {};
    try { s = JSON.parse(window.localStorage.getItem(KEY) || '{}') || {}; } catch (e) { s = {}; }
    var out = { on: s.on === true };
    for (var k in ALLOWED) out[k] = ALLOWED[k].indexOf(String(s[k])) >= 0 ? String(s[k]) : DEFAULTS[k];
    return out;
  }
  function save(s) {
    try { window.localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* private mode: this page only */ }
  }

  var state = load();

  function applyClasses() {
    var keep = root.className.split(/\s+/).filter(function (c) { return c && !/^a11y/.test(c) && c !== 'no-js'; });
    keep.push('js');
    if (state.on) {
      keep.push('a11y', 'a11y-fs-' + state.fs, 'a11y-scheme-' + state.scheme);
      if (state.img === 'off') keep.push('a11y-noimg');
      if (state.ls !== '0') keep.push('a11y-ls-' + state.ls);
    }
    root.className = keep.filter(function (c, i, a) { return a.indexOf(c) === i; }).join(' ');
  }

  function applyControls() {
    var panel = document.getElementById('a11y-panel');
    if (panel) panel.hidden = !state.on;
    var buttons = document.querySelectorAll('[data-a11y]');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], what = b.getAttribute('data-a11y');
      if (what === 'toggle') {
        b.hidden = false;
        b.setAttribute('aria-pressed', state.on ? 'true' : 'false');
      } else if (ALLOWED[what]) {
        b.setAttribute('aria-pressed', state[what] === b.getAttribute('data-value') ? 'true' : 'false');
      }
    }
  }

  // With images hidden, each image is replaced by its description (alt).
  function addAltTexts() {
    var imgs = document.querySelectorAll('main img');
    for (var i = 0; i < imgs.length; i++) {
      var img = imgs[i];
      if (img.nextSibling && img.nextSibling.className === 'img-alt') continue;
      var alt = img.getAttribute('alt');
      if (!alt) continue;
      var span = document.createElement('span');
      span.className = 'img-alt';
      span.textContent = 'Изображение: ' + alt;
      img.parentNode.insertBefore(span, img.nextSibling);
    }
  }

  function change(what, value) {
    if (what === 'toggle') {
      state.on = !state.on;
    } else if (what === 'off') {
      state.on = false;
    } else if (ALLOWED[what] && ALLOWED[what].indexOf(value) >= 0) {
      state[what] = value;
      state.on = true;
    }
    save(state);
    applyClasses();
    applyControls();
  }

  applyClasses();  // before the page is drawn: no flash of the ordinary version

  // The panel's controls: the layout leaves <section id="a11y-panel"> empty (it is hidden and of
  // no use without JavaScript), and they are put in here, once for the whole site instead of in
  // every page. A layout that writes its own controls into the section keeps them.
  var PANEL = [
    '<div class="wrap">',
    '<div class="a11y-group" role="group" aria-labelledby="a11y-fs-l">',
    '<span class="a11y-label" id="a11y-fs-l">Размер шрифта</span>',
    '<button type="button" data-a11y="fs" data-value="100" aria-pressed="false">100&nbsp;%</button>',
    '<button type="button" data-a11y="fs" data-value="125" aria-pressed="false">125&nbsp;%</button>',
    '<button type="button" data-a11y="fs" data-value="150" aria-pressed="false">150&nbsp;%</button>',
    '<button type="button" data-a11y="fs" data-value="175" aria-pressed="false">175&nbsp;%</button>',
    '<button type="button" data-a11y="fs" data-value="200" aria-pressed="false">200&nbsp;%</button>',
    '</div>',
    '<div class="a11y-group" role="group" aria-labelledby="a11y-scheme-l">',
    '<span class="a11y-label" id="a11y-scheme-l">Цвета</span>',
    '<button type="button" class="swatch swatch-bw" data-a11y="scheme" data-value="bw" aria-pressed="false">Чёрным по белому</button>',
    '<button type="button" class="swatch swatch-wb" data-a11y="scheme" data-value="wb" aria-pressed="false">Белым по чёрному</button>',
    '<button type="button" class="swatch swatch-blue" data-a11y="scheme" data-value="blue" aria-pressed="false">Синим по голубому</button>',
    '</div>',
    '<div class="a11y-group" role="group" aria-labelledby="a11y-img-l">',
    '<span class="a11y-label" id="a11y-img-l">Изображения</span>',
    '<button type="button" data-a11y="img" data-value="on" aria-pressed="false">Показывать</button>',
    '<button type="button" data-a11y="img" data-value="off" aria-pressed="false">Скрыть</button>',
    '</div>',
    '<div class="a11y-group" role="group" aria-labelledby="a11y-ls-l">',
    '<span class="a11y-label" id="a11y-ls-l">Интервал между буквами</span>',
    '<button type="button" data-a11y="ls" data-value="0" aria-pressed="false">Обычный</button>',
    '<button type="button" data-a11y="ls" data-value="1" aria-pressed="false">Увеличенный</button>',
    '<button type="button" data-a11y="ls" data-value="2" aria-pressed="false">Большой</button>',
    '</div>',
    '<div class="a11y-group">',
    '<button type="button" class="a11y-off" data-a11y="off">Обычная версия сайта</button>',
    '</div>',
    '</div>'
  ].join('\n');

  function fillPanel() {
    var panel = document.getElementById('a11y-panel');
    if (panel && !panel.firstElementChild) panel.innerHTML = PANEL;
  }

  function init() {
    fillPanel();
    addAltTexts();
    applyControls();
    document.addEventListener('click', function (ev) {
      var t = ev.target;
      while (t && t !== document && !(t.getAttribute && t.getAttribute('data-a11y'))) t = t.parentNode;
      if (!t || t === document) return;
      var what = t.getAttribute('data-a11y');
      change(what, t.getAttribute('data-value'));
      if (what === 'toggle' && state.on) {
        var first = document.querySelector('#a11y-panel [aria-pressed="true"]');
        if (first) first.focus();
      } else if (what === 'off') {
        var toggle = document.querySelector('[data-a11y="toggle"]');
        if (toggle) toggle.focus();
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
