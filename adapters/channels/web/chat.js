// The customer web chat. Messages are rendered with textContent only (chat-render.js): nothing a
// user or agent writes is ever interpreted as markup.
(function () {
  'use strict';
  var KEY = 'simbot.session';
  /** Reconnect waits: short, since a customer stares at "reconnecting" (a 15 s cap kept people waiting 13.5 s after a restart). */
  var RETRY_MS = [500, 1000, 2000, 4000];
  /** The agent's "typing" lasts this long unless renewed (the console sends one at most every 2 s). */
  var TYPING_MS = 5000;

  var TEXT = window.ChatText.TEXT;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var log = $('log'),
    form = $('form'),
    input = $('input'),
    statusEl = $('status'),
    sugg = $('suggestions'),
    typing = $('typing'),
    langBtn = $('lang'),
    sendBtn = $('send');
  var session = load();
  var locale = session.locale || window.ChatText.fromBrowser(navigator.languages);
  /** A language picked while offline, told to the server once connected. */
  var pickedLocale = null;
  // lastSeq is what this page has shown: a fresh page (first load or reload) starts from 0 so the
  // server replays the whole conversation; reconnects of the same page ask only for what they missed.
  var ws = null,
    lastSeq = 0,
    retry = 0,
    retryTimer = null,
    typingTimer = null,
    everOnline = false;

  function load() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || '{}');
    } catch (e) {
      return {};
    }
  }
  function save() {
    delete session.lastSeq;
    session.locale = locale;
    try {
      localStorage.setItem(KEY, JSON.stringify(session));
    } catch (e) {
      /* private mode */
    }
  }
  function tr(k) {
    return TEXT[locale][k];
  }
  function when(iso) {
    return window.ChatText.time(iso, locale);
  }

  function applyLocale() {
    var t = TEXT[locale];
    document.documentElement.lang = locale;
    document.title = t.title;
    $('title').textContent = t.title;
    $('chat').setAttribute('aria-label', t.chat);
    log.setAttribute('aria-label', t.log);
    sugg.setAttribute('aria-label', t.suggestions);
    $('input-label').textContent = t.message;
    input.placeholder = t.placeholder;
    sendBtn.textContent = t.send;
    typing.textContent = t.typing;
    langBtn.textContent = t.other;
    langBtn.lang = t.otherLang;
    statusEl.textContent = ws && ws.readyState === 1 ? t.online : everOnline ? t.offline : t.connecting;
    Array.prototype.forEach.call(log.querySelectorAll('time'), function (el) {
      el.textContent = when(el.dateTime);
    });
    Array.prototype.forEach.call(log.querySelectorAll('.msg--agent .msg__who[data-default]'), function (el) {
      el.textContent = t.agent;
    });
  }

  function setLocale(l) {
    if (!TEXT[l] || l === locale) return;
    locale = l;
    applyLocale();
    save();
  }

  /** Keeps the newest line in view when the log or the buttons under it change size. */
  function toBottom() {
    log.scrollTop = log.scrollHeight;
  }

  function addMessage(f) {
    log.appendChild(window.ChatRender.bubble(f, TEXT[locale], when));
    showSuggestions(f.from === 'bot' || f.from === 'system' ? f.suggestions : null);
    if (f.from !== 'customer') hideTyping();
    toBottom();
  }

  /** A line from the page itself (not the conversation): no seq, never stored. */
  function note(text) {
    var li = document.createElement('li');
    li.className = 'note';
    li.textContent = text;
    log.appendChild(li);
    toBottom();
  }

  function showSuggestions(list) {
    sugg.textContent = '';
    (list || []).forEach(function (s) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = s;
      b.addEventListener('click', function (e) {
        if (!sendText(s)) return;
        // Focus must not fall to the page: a keyboard or mouse user goes on typing; a tap on a phone
        // does not pop the keyboard up over the answer.
        if (e.detail === 0 || !window.matchMedia('(pointer: coarse)').matches) input.focus();
        else log.focus({ preventScroll: true });
      });
      sugg.appendChild(b);
    });
    sugg.hidden = !sugg.children.length;
    toBottom(); // the buttons take room from the log: the last message must stay above them
  }

  function showTyping() {
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_MS);
  }
  function hideTyping() {
    clearTimeout(typingTimer);
    typing.hidden = true;
  }

  function connect() {
    clearTimeout(retryTimer);
    if (ws && ws.readyState <= 1) return;
    statusEl.textContent = everOnline ? tr('offline') : tr('connecting');
    sendBtn.disabled = true;
    var proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var q = session.token
      ? '?conversationId=' +
        encodeURIComponent(session.conversationId) +
        '&token=' +
        encodeURIComponent(session.token) +
        '&after=' +
        lastSeq
      : '?greet=1&locale=' + encodeURIComponent(locale);
    var sock = new WebSocket(proto + '//' + location.host + '/ws/chat' + q);
    ws = sock;
    sock.onopen = function () {
      retry = 0;
      if (everOnline) note(tr('reconnected'));
      everOnline = true;
      statusEl.textContent = tr('online');
      sendBtn.disabled = false;
    };
    sock.onmessage = function (ev) {
      var f;
      try {
        f = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      if (f.type === 'session') {
        session.conversationId = f.conversationId;
        session.token = f.token;
        lastSeq = 0;
        save();
      } else if (f.type === 'message') {
        if (f.seq > lastSeq) {
          lastSeq = f.seq;
          addMessage(f);
        }
      } else if (f.type === 'locale') {
        if (pickedLocale && pickedLocale !== f.locale) {
          sock.send(JSON.stringify({ type: 'locale', locale: pickedLocale }));
        } else setLocale(f.locale);
        pickedLocale = null;
      } else if (f.type === 'typing' && f.from !== 'customer') showTyping();
      else if (f.type === 'turn_end') hideTyping();
      else if (f.type === 'error') {
        // The stored conversation is gone: start a new one with a clean log (its seqs restart at 1).
        if (f.code === 'UNAUTHORIZED' || f.code === 'CONVERSATION_NOT_FOUND') {
          session = {};
          lastSeq = 0;
          save();
          log.textContent = '';
          showSuggestions(null);
        } else note(TEXT[locale].errors[f.code] || f.message);
      }
    };
    sock.onclose = function () {
      if (ws !== sock) return;
      ws = null;
      statusEl.textContent = tr('offline');
      sendBtn.disabled = true;
      hideTyping();
      retryTimer = setTimeout(connect, RETRY_MS[Math.min(retry++, RETRY_MS.length - 1)]);
    };
  }

  function sendText(text) {
    text = text.trim();
    if (!text || !ws || ws.readyState !== 1) return false;
    ws.send(JSON.stringify({ type: 'message', text: text }));
    showSuggestions(null);
    return true;
  }

  // Tell an agent the customer is typing (the server passes on at most one notice every 2 s).
  var lastTyping = 0;
  input.addEventListener('input', function () {
    var now = Date.now();
    if (now - lastTyping < 2000 || !ws || ws.readyState !== 1 || !input.value) return;
    lastTyping = now;
    ws.send(JSON.stringify({ type: 'typing' }));
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (sendText(input.value)) input.value = '';
    input.focus();
  });
  // The button picks the conversation's language: the page changes now, the bot answers in it from the next message.
  langBtn.addEventListener('click', function () {
    var next = tr('otherLang');
    setLocale(next);
    if (ws && ws.readyState === 1) ws.send(JSON.stringify({ type: 'locale', locale: next }));
    else pickedLocale = next;
  });
  // Back online or back to the tab: try at once rather than wait out the back-off.
  window.addEventListener('online', function () {
    if (!ws) connect();
  });
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && !ws) connect();
  });
  if (window.ResizeObserver) new window.ResizeObserver(toBottom).observe(log);
  applyLocale();
  connect();
})();
