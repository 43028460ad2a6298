// The customer web chat. Messages are rendered with textContent only: nothing a user or agent
// writes is ever interpreted as markup.
(function () {
  'use strict';
  var KEY = 'simbot.session';
  var TEXT = {
    'zh-CN': { connecting: '连接中…', online: '在线', offline: '已断开，正在重连…', placeholder: '请输入订单号或您的问题', send: '发送', agent: '人工客服', queue: '排队中：前面还有 {n} 位，预计等待约 {m} 分钟', typing: '对方正在输入…', lang: 'EN' },
    en: { connecting: 'Connecting…', online: 'Online', offline: 'Disconnected, reconnecting…', placeholder: 'Type your order number or question', send: 'Send', agent: 'Agent', queue: 'In queue: {n} ahead of you, about {m} min', typing: 'Typing…', lang: '中文' }
  };
  var $ = function (id) { return document.getElementById(id); };
  var log = $('log'), form = $('form'), input = $('input'), statusEl = $('status'), sugg = $('suggestions'), typing = $('typing'), langBtn = $('lang');
  var session = load();
  var locale = session.locale || (navigator.language && navigator.language.indexOf('zh') === 0 ? 'zh-CN' : 'en');
  // lastSeq is what this page has shown: a fresh page (first load or reload) starts from 0 so the
  // server replays the whole conversation; reconnects of the same page ask only for what they missed.
  var ws = null, lastSeq = 0, retry = 0, queueEl = null, sendBtn = $('send');

  function load() { try { return JSON.parse(localStorage.getItem(KEY) || '{}'); } catch (e) { return {}; } }
  function save() { delete session.lastSeq; session.locale = locale; try { localStorage.setItem(KEY, JSON.stringify(session)); } catch (e) { /* private mode */ } }
  function tr(k) { return TEXT[locale][k]; }
  function applyLocale() {
    document.documentElement.lang = locale;
    input.placeholder = tr('placeholder'); sendBtn.textContent = tr('send'); typing.textContent = tr('typing'); langBtn.textContent = tr('lang');
  }

  function addMessage(f) {
    var li = document.createElement('li');
    li.className = 'msg msg--' + f.from;
    li.dataset.seq = String(f.seq);
    if (f.from === 'agent') { var who = document.createElement('span'); who.className = 'msg__who'; who.textContent = tr('agent'); li.appendChild(who); }
    li.appendChild(document.createTextNode(f.text));
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
    showSuggestions(f.from === 'bot' ? f.suggestions : null);
    if (f.from !== 'customer') typing.hidden = true;
  }

  function showSuggestions(list) {
    sugg.textContent = '';
    (list || []).forEach(function (s) {
      var b = document.createElement('button'); b.type = 'button'; b.textContent = s;
      b.addEventListener('click', function () { sendText(s); });
      sugg.appendChild(b);
    });
  }

  function showQueue(f) {
    if (!queueEl) { queueEl = document.createElement('li'); queueEl.className = 'msg msg--system'; log.appendChild(queueEl); }
    queueEl.textContent = tr('queue').replace('{n}', String(Math.max(f.position - 1, 0))).replace('{m}', String(Math.max(1, Math.round(f.etaSeconds / 60))));
    log.scrollTop = log.scrollHeight;
  }

  function connect() {
    statusEl.textContent = tr('connecting');
    sendBtn.disabled = true;
    var proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var q = session.token ? '?conversationId=' + encodeURIComponent(session.conversationId) + '&token=' + encodeURIComponent(session.token) + '&after=' + lastSeq : '?locale=' + encodeURIComponent(locale);
    ws = new WebSocket(proto + '//' + location.host + '/ws/chat' + q);
    ws.onopen = function () { retry = 0; statusEl.textContent = tr('online'); sendBtn.disabled = false; };
    ws.onmessage = function (ev) {
      var f; try { f = JSON.parse(ev.data); } catch (e) { return; }
      if (f.type === 'session') { session.conversationId = f.conversationId; session.token = f.token; lastSeq = 0; save(); }
      else if (f.type === 'message') { if (f.seq > lastSeq) { lastSeq = f.seq; addMessage(f); save(); } }
      else if (f.type === 'typing' && f.from !== 'customer') { typing.hidden = false; }
      else if (f.type === 'turn_end') { typing.hidden = true; }
      else if (f.type === 'queue') { showQueue(f); }
      else if (f.type === 'error') {
        // The stored conversation is gone: start a new one with a clean log (its seqs restart at 1).
        if (f.code === 'UNAUTHORIZED' || f.code === 'CONVERSATION_NOT_FOUND') { session = {}; lastSeq = 0; save(); log.textContent = ''; queueEl = null; showSuggestions(null); }
        else addMessage({ from: 'system', text: f.message, seq: lastSeq });
      }
    };
    ws.onclose = function () {
      statusEl.textContent = tr('offline');
      sendBtn.disabled = true;
      setTimeout(connect, Math.min(1000 * Math.pow(2, retry++), 15000));
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

  form.addEventListener('submit', function (e) { e.preventDefault(); if (sendText(input.value)) input.value = ''; input.focus(); });
  langBtn.addEventListener('click', function () { locale = locale === 'en' ? 'zh-CN' : 'en'; applyLocale(); save(); });
  applyLocale();
  connect();
})();
