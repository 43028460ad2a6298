// The agent console. Plain DOM, no framework, no inline script (CSP `script-src 'self'`).
// Everything a customer, an agent or the server wrote is rendered with textContent only.
(function () {
  'use strict';

  var ROLE = { agent: '客服', supervisor: '主管' };
  var REASON = {
    customer_request: '客户要求人工', complaint: '投诉', not_understood: '机器人未能理解',
    needs_human: '需人工处理', source_down: '订单系统不可用', locked: '验证被锁定'
  };
  var HANDOFF_STATUS = {
    queued: '排队中', active: '服务中', ticket_pending: '等待留言', ticket: '留言工单',
    awaiting_rating: '待客户评分', closed: '已结束'
  };
  var ORDER_STATUS = {
    in_review: '审核中', shipped: '已发货', activated: '已激活', completed: '已办理完成', failed: '办理失败',
    cancelled: '已取消', expired: '已失效', needs_photos: '需补充证件照片', unknown: '状态无法识别'
  };
  var FROM = { customer: '客户', bot: '机器人', agent: '客服', system: '系统' };
  var ERROR_TEXT = {
    ALREADY_CLAIMED: '该会话已被其他客服领取',
    NOT_IN_HANDOFF: '该会话当前不在人工服务中',
    NOT_YOUR_CONVERSATION: '该会话由其他客服处理',
    FORBIDDEN: '没有权限执行此操作',
    RATE_LIMITED: '操作太频繁，请稍后再试',
    CONVERSATION_NOT_FOUND: '会话不存在',
    UNAUTHORIZED: '登录已失效，请重新登录',
    CSRF_TOKEN_INVALID: '安全校验失败，已刷新凭据，请重试'
  };
  var TYPING_EVERY_MS = 2000;

  var $ = function (id) { return document.getElementById(id); };
  var me = null;
  var queue = [], queueAt = 0, mine = [];
  var unread = {};
  var current = null; // { id, packet, seqs: {} }
  var ws = null, wsRetry = 0, wsTimer = null;
  var refreshTimer = null, typingTimer = null, toastTimer = null, resolveTimer = null;
  var lastTypingSent = 0;

  // ---- small helpers ----

  var el = window.ConsoleDom.el;
  function show(node, on) { node.hidden = !on; }
  function when(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleString('zh-CN', { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  }
  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = (h ? String(m).padStart(2, '0') : String(m)) + ':' + String(s).padStart(2, '0');
    return h ? h + ':' + mm : mm;
  }
  function reasonText(reason) {
    if (!reason) return '';
    var ticket = reason.indexOf('ticket:') === 0;
    var r = ticket ? reason.slice(7) : reason;
    return REASON[r] || r;
  }

  function toast(text) {
    var t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.hidden = true; }, 5000);
  }

  /** fetch with the session cookie and the CSRF header; rejects with { status, code, message }. */
  function api(method, url, body) {
    var headers = {};
    if (method !== 'GET' && me && me.csrfToken) headers['x-csrf-token'] = me.csrfToken;
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) { headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (res) {
      if (res.status === 204) return null;
      return res.text().then(function (raw) {
        var data = null;
        try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
        if (res.ok) return data;
        var err = (data && data.error) || {};
        var e = new Error(err.message || ('HTTP ' + res.status));
        e.status = res.status; e.code = err.code || ('HTTP_' + res.status);
        throw e;
      });
    });
  }

  function fail(e) {
    if (e && e.status === 401 && sessionEnded()) return;
    if (e && e.code === 'CSRF_TOKEN_INVALID' && me) loadMeQuiet(); // a new session elsewhere: fetch the fresh token
    var text = (e && ERROR_TEXT[e.code]) || (e && e.message) || '请求失败';
    toast(text + (e && e.code ? '（' + e.code + '）' : ''));
  }
  function sessionEnded() {
    if (!me) return false;
    me = null;
    showSignIn();
    toast(ERROR_TEXT.UNAUTHORIZED);
    return true;
  }

  // ---- signing in and out ----

  function loadMe() {
    return api('GET', '/api/agent/me').then(signedIn, function (e) {
      if (e.status === 401) { me = null; showSignIn(); } else fail(e);
    });
  }

  function showSignIn() {
    stopLive();
    current = null;
    ['work', 'stats', 'tabs', 'logout', 'who', 'live'].forEach(function (id) { show($(id), false); });
    show($('signin'), true);
    // The dev sign-in exists only with AGENT_AUTH=dev (its GET serves a bare form; 404 otherwise).
    fetch('/auth/dev/login', { method: 'GET', credentials: 'same-origin' })
      .then(function (res) { show($('dev-form'), res.status !== 404); })
      .catch(function () { show($('dev-form'), false); });
  }

  function devLogin(ev) {
    ev.preventDefault();
    var name = $('dev-name').value.trim();
    if (!name) return;
    var btn = $('dev-submit');
    btn.disabled = true;
    fetch('/auth/dev/login', {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name, role: $('dev-role').value })
    }).then(function (res) {
      if (res.status === 404) { show($('dev-form'), false); toast('此环境未启用开发登录'); return; }
      if (!res.ok) {
        return res.json().catch(function () { return {}; }).then(function (d) {
          var err = (d && d.error) || {};
          fail({ status: res.status, code: err.code || 'HTTP_' + res.status, message: err.message || '登录失败' });
        });
      }
      return loadMe();
    }).catch(fail).then(function () { btn.disabled = false; });
  }

  function signedIn(who) {
    me = who;
    show($('signin'), false);
    var w = $('who');
    w.textContent = '';
    w.appendChild(document.createTextNode(who.name));
    w.appendChild(el('span', 'top__role', ROLE[who.role] || who.role));
    show(w, true);
    show($('logout'), true);
    show($('tabs'), true);
    show($('tab-stats'), who.role === 'supervisor');
    showTab('work');
    refreshLists();
    connectLive();
  }

  function logout() {
    api('POST', '/auth/logout').catch(function () { /* the session is gone either way */ }).then(function () {
      me = null;
      showSignIn();
    });
  }

  function showTab(name) {
    var stats = name === 'stats' && me && me.role === 'supervisor';
    show($('work'), !stats);
    show($('stats'), !!stats);
    $('tab-work').classList.toggle('tab--on', !stats);
    $('tab-stats').classList.toggle('tab--on', !!stats);
    $('tab-work').setAttribute('aria-pressed', String(!stats));
    $('tab-stats').setAttribute('aria-pressed', String(!!stats));
    if (stats) loadStats();
  }

  // ---- the queue and my conversations ----

  function refreshLists() {
    if (!me) return Promise.resolve();
    return Promise.all([api('GET', '/api/agent/queue'), api('GET', '/api/agent/mine')]).then(function (r) {
      queue = (r[0] && r[0].waiting) || [];
      queueAt = Date.now();
      mine = (r[1] && r[1].conversations) || [];
      renderQueue();
      renderMine();
    }, fail);
  }
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshLists, 150);
  }

  function renderQueue() {
    var ul = $('queue');
    ul.textContent = '';
    queue.forEach(function (q) {
      var ticket = q.reason && q.reason.indexOf('ticket:') === 0;
      var li = el('li', 'item' + (current && current.id === q.conversationId ? ' item--on' : ''));
      li.dataset.conversationId = q.conversationId;
      li.appendChild(el('span', 'item__title', q.orderNo ? '订单 ' + q.orderNo : '未提供订单号'));
      var claim = el('button', 'btn btn--primary btn--small', '领取');
      claim.type = 'button';
      claim.addEventListener('click', function (e) { e.stopPropagation(); claimConversation(q.conversationId, claim); });
      li.appendChild(claim);
      var meta = el('span', 'item__meta');
      meta.appendChild(el('span', null, '第 ' + q.position + ' 位'));
      var wait = el('span', 'item__wait');
      wait.dataset.base = String(q.waitedSeconds || 0);
      wait.title = '开始等待：' + when(q.waitingSince);
      meta.appendChild(wait);
      if (ticket) meta.appendChild(el('span', 'tag tag--ticket', '留言'));
      meta.appendChild(el('span', 'tag', reasonText(q.reason)));
      if (q.failureCode) meta.appendChild(el('span', 'tag tag--code', q.failureCode));
      li.appendChild(meta);
      li.addEventListener('click', function () { openConversation(q.conversationId); });
      ul.appendChild(li);
    });
    $('queue-count').textContent = String(queue.length);
    show($('queue-empty'), queue.length === 0);
    tick();
  }

  function renderMine() {
    var ul = $('mine');
    ul.textContent = '';
    mine.forEach(function (c) {
      var cls = 'item';
      if (current && current.id === c.conversationId) cls += ' item--on';
      if (unread[c.conversationId]) cls += ' item--unread';
      var li = el('li', cls);
      li.dataset.conversationId = c.conversationId;
      li.appendChild(el('span', 'item__title', c.orderNo ? '订单 ' + c.orderNo : '会话 ' + c.conversationId.slice(0, 8)));
      var meta = el('span', 'item__meta');
      meta.appendChild(el('span', null, '领取于 ' + when(c.claimedAt)));
      meta.appendChild(el('span', 'tag', reasonText(c.reason)));
      if (c.failureCode) meta.appendChild(el('span', 'tag tag--code', c.failureCode));
      li.appendChild(meta);
      li.addEventListener('click', function () { openConversation(c.conversationId); });
      ul.appendChild(li);
    });
    $('mine-count').textContent = String(mine.length);
    show($('mine-empty'), mine.length === 0);
  }

  /** Wait times tick live from the server's figure at fetch time (no dependence on clock skew). */
  function tick() {
    var extra = (Date.now() - queueAt) / 1000;
    Array.prototype.forEach.call(document.querySelectorAll('#queue .item__wait'), function (w) {
      w.textContent = '已等待 ' + duration(Number(w.dataset.base) + extra);
    });
  }

  function claimConversation(id, btn) {
    if (btn) btn.disabled = true;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(id) + '/claim').then(function () {
      toast('已领取，客户会收到客服接入的提示');
      refreshLists();
      openConversation(id);
    }, function (e) {
      fail(e);
      if (btn) btn.disabled = false;
      refreshLists();
    });
  }

  // ---- the open conversation ----

  function openConversation(id) {
    if (current && current.id !== id) sendFrame({ type: 'unwatch', conversationId: current.id });
    var fresh = !current || current.id !== id;
    if (fresh) {
      current = { id: id, packet: null, seqs: {} };
      $('transcript').textContent = '';
      $('canned').textContent = '';
      $('notes').textContent = '';
      $('packet').textContent = '';
      $('reply').value = '';
      show($('typing'), false);
      show($('empty'), false);
      show($('conv'), true);
      sendFrame({ type: 'watch', conversationId: id });
    }
    delete unread[id];
    renderQueue();
    renderMine();
    return reloadCurrent();
  }

  function reloadCurrent() {
    if (!current) return Promise.resolve();
    var id = current.id;
    return api('GET', '/api/agent/conversations/' + encodeURIComponent(id)).then(function (p) {
      if (!current || current.id !== id) return;
      current.packet = p;
      renderPacket(p);
      (p.transcript || []).forEach(appendMessage);
      renderNotes(p.notes || []);
      renderControls();
      if (heldByMe()) loadCanned(id); else $('canned').textContent = '';
    }, fail);
  }

  function heldByMe() {
    var h = current && current.packet && current.packet.handoff;
    return !!(h && me && h.status === 'active' && h.agentId === me.id);
  }

  function renderControls() {
    var h = current.packet.handoff;
    var status = h ? h.status : 'none';
    var held = heldByMe();
    var badge = $('conv-status');
    badge.className = 'badge badge--' + status;
    badge.textContent = h ? (HANDOFF_STATUS[status] || status) + (status === 'active' && h.agentName && !held ? '（' + h.agentName + '）' : '') : '未转人工';
    show($('conv-claim'), !!h && ['queued', 'ticket', 'ticket_pending'].indexOf(status) >= 0);
    $('conv-claim').disabled = false;
    show($('transfer'), held);
    show($('conv-resolve'), held);
    if (!held) $('transfer').open = false;
    resetResolve();
    $('reply').disabled = !held;
    $('reply-send').disabled = !held;
    $('reply').placeholder = held ? '输入回复，Enter 发送，Shift+Enter 换行' : '领取后才能回复客户';
    $('reply-form').classList.toggle('reply--off', !held);
  }

  function fact(dl, label, value, cls) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', null, label));
    var dd = el('dd', cls, value);
    dd.dataset.fact = label;
    dl.appendChild(dd);
  }

  function renderPacket(p) {
    var dl = $('packet');
    dl.textContent = '';
    var o = p.order, h = p.handoff, c = p.checked || {};
    var orderNo = (o && o.orderNo) || c.orderNo;
    $('conv-title').textContent = orderNo ? '订单 ' + orderNo : '会话 ' + p.conversationId.slice(0, 8);
    fact(dl, '订单号', orderNo);
    if (o) {
      fact(dl, '订单状态', (ORDER_STATUS[o.status] || o.status) + (o.rawStatus ? '（平台：' + o.rawStatus + '）' : ''));
      fact(dl, '失败原因', o.failureCode || c.failureCode);
      fact(dl, '平台备注', o.remark);
      if (o.unmappedRemark) fact(dl, '注意', '平台备注未能自动识别，请人工判断');
      fact(dl, '套餐', [o.operator, o.productName].filter(Boolean).join(' · '));
      fact(dl, '下单时间', when(o.createdAt));
      fact(dl, '省份', o.province);
      if (o.express) fact(dl, '快递', o.express.name + ' ' + o.express.code);
      fact(dl, '已分配号码', o.issuedNumber);
      var m = o.masked || {};
      fact(dl, '联系电话', m.phone);
      fact(dl, '姓名', m.name);
      fact(dl, '身份证', m.idCard);
      fact(dl, '地址', m.address);
    } else {
      fact(dl, '失败原因', c.failureCode);
    }
    fact(dl, '手机后4位', c.phoneTailVerified ? '已验证 ✓' : '未验证', c.phoneTailVerified ? 'ok' : null);
    if (h) {
      fact(dl, '转人工原因', reasonText(h.reason));
      fact(dl, '排队时间', when(h.queuedAt));
      fact(dl, '接待客服', h.agentName);
      fact(dl, '客户留言', h.ticketText);
      if (h.rating) fact(dl, '客户评分', h.rating + ' 分');
    }
    fact(dl, '渠道', p.channel === 'web' ? '网页' : p.channel);
    fact(dl, '语言', p.locale === 'en' ? '英文' : '中文');
  }

  function renderNotes(notes) {
    var ul = $('notes');
    ul.textContent = '';
    notes.forEach(addNote);
    if (!notes.length) ul.appendChild(el('li', 'muted notes__none', '暂无备注'));
  }
  function addNote(n) {
    var ul = $('notes');
    var none = ul.querySelector('.notes__none');
    if (none) none.remove();
    var li = el('li');
    li.appendChild(el('span', 'notes__meta', n.agentName + ' · ' + when(n.at)));
    li.appendChild(document.createTextNode(n.text));
    ul.appendChild(li);
  }

  /** Adds a message to the transcript in seq order; a seq already shown is ignored. */
  function appendMessage(m) {
    if (!current || typeof m.seq !== 'number' || current.seqs[m.seq]) return;
    current.seqs[m.seq] = true;
    var log = $('transcript');
    var nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    var li = el('li', 'msg msg--' + m.from);
    li.dataset.seq = String(m.seq);
    if (m.at) li.title = when(m.at);
    li.appendChild(el('span', 'msg__who', FROM[m.from] || m.from));
    li.appendChild(document.createTextNode(m.text));
    var after = null;
    Array.prototype.some.call(log.children, function (c) {
      if (Number(c.dataset.seq) > m.seq) { after = c; return true; }
      return false;
    });
    log.insertBefore(li, after);
    if (nearBottom || m.from === 'agent') log.scrollTop = log.scrollHeight;
    if (m.from === 'customer') show($('typing'), false);
  }

  function loadCanned(id) {
    api('GET', '/api/agent/conversations/' + encodeURIComponent(id) + '/canned').then(function (r) {
      if (!current || current.id !== id) return;
      var box = $('canned');
      box.textContent = '';
      ((r && r.replies) || []).forEach(function (c) {
        var b = el('button', null, c.title);
        b.type = 'button';
        b.title = c.text;
        b.addEventListener('click', function () {
          var input = $('reply');
          input.value = c.text;
          input.focus();
          typed();
        });
        box.appendChild(b);
      });
    }, fail);
  }

  function sendReply(ev) {
    ev.preventDefault();
    var input = $('reply');
    var text = input.value.trim();
    if (!text || !current || !heldByMe()) return;
    var id = current.id;
    $('reply-send').disabled = true;
    // Cleared at once, as chat apps do (the socket's copy can arrive before the POST answers);
    // a failed send puts the text back unless the agent has started typing something else.
    input.value = '';
    api('POST', '/api/agent/conversations/' + encodeURIComponent(id) + '/messages', { text: text }).then(function (r) {
      if (current && current.id === id && r && r.message) appendMessage(r.message);
    }, function (e) {
      if (current && current.id === id && !input.value.trim()) input.value = text;
      fail(e);
    }).then(function () {
      $('reply-send').disabled = !heldByMe();
      input.focus();
    });
  }

  /** The customer sees "typing…" while the agent types: at most one call every 2 s. */
  function typed() {
    if (!current || !heldByMe()) return;
    var now = Date.now();
    if (now - lastTypingSent < TYPING_EVERY_MS) return;
    lastTypingSent = now;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(current.id) + '/typing').catch(function () { /* best effort */ });
  }

  function addNoteSubmit(ev) {
    ev.preventDefault();
    var input = $('note');
    var text = input.value.trim();
    if (!text || !current) return;
    var id = current.id;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(id) + '/notes', { text: text }).then(function (r) {
      if (current && current.id === id && r && r.note) addNote(r.note);
      input.value = '';
    }, fail);
  }

  /** The transfer list: the other agents signed in now (the server refuses anyone else). */
  function loadTransferTargets() {
    var select = $('transfer-to');
    api('GET', '/api/agent/agents').then(function (r) {
      var others = ((r && r.agents) || []).filter(function (a) { return !me || a.id !== me.id; });
      select.textContent = '';
      if (!others.length) select.appendChild(el('option', null, '暂无其他在线客服')).value = '';
      others.forEach(function (a) {
        var opt = el('option', null, a.name + (a.role === 'supervisor' ? '（主管）' : ''));
        opt.value = a.id;
        select.appendChild(opt);
      });
      $('transfer-submit').disabled = !others.length;
    }, fail);
  }

  function transferSubmit(ev) {
    ev.preventDefault();
    if (!current) return;
    var select = $('transfer-to');
    var to = select.value;
    if (!to) return;
    var name = select.options[select.selectedIndex].textContent;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(current.id) + '/transfer', { to: to }).then(function () {
      toast('已转接给 ' + name);
      $('transfer').open = false;
      closeConversation(); // only its holder may read it now
      refreshLists();
    }, fail);
  }

  function closeConversation() {
    if (!current) return;
    sendFrame({ type: 'unwatch', conversationId: current.id });
    current = null;
    show($('conv'), false);
    show($('empty'), true);
  }

  /** 结束服务 asks once more before it ends the chat. */
  function resolveClick() {
    var btn = $('conv-resolve');
    if (!current) return;
    if (!btn.dataset.confirm) {
      btn.dataset.confirm = '1';
      btn.textContent = '确认结束服务？';
      clearTimeout(resolveTimer);
      resolveTimer = setTimeout(resetResolve, 4000);
      return;
    }
    resetResolve();
    btn.disabled = true;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(current.id) + '/resolve').then(function () {
      toast('已结束服务，已请客户评分');
      refreshLists();
      return reloadCurrent();
    }, fail).then(function () { btn.disabled = false; });
  }
  function resetResolve() {
    var btn = $('conv-resolve');
    clearTimeout(resolveTimer);
    delete btn.dataset.confirm;
    btn.textContent = '结束服务';
  }

  // ---- live updates over /ws/agent ----

  function sendFrame(f) {
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(f));
  }

  function setLive(text) { var l = $('live'); l.textContent = text; show(l, true); }

  function connectLive() {
    if (!me || ws) return;
    clearTimeout(wsTimer);
    setLive('连接中…');
    var sock = new WebSocket((location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/ws/agent');
    ws = sock;
    sock.onopen = function () {
      wsRetry = 0;
      setLive('实时在线');
      if (current) { sendFrame({ type: 'watch', conversationId: current.id }); reloadCurrent(); }
      refreshLists(); // whatever changed while we were away
    };
    sock.onmessage = function (ev) {
      var f;
      try { f = JSON.parse(ev.data); } catch (e) { return; }
      onFrame(f);
    };
    sock.onclose = function () {
      if (ws !== sock) return;
      ws = null;
      if (!me) return;
      setLive('已断开，正在重连…');
      var delay = Math.min(1000 * Math.pow(2, wsRetry++), 15000);
      wsTimer = setTimeout(function () {
        // After a few failures, check the session is still there before trying again.
        if (wsRetry > 2) loadMeQuiet().then(function (ok) { if (ok) connectLive(); });
        else connectLive();
      }, delay);
    };
  }

  function loadMeQuiet() {
    return api('GET', '/api/agent/me').then(function (who) { me = who; return true; }, function (e) {
      if (e.status === 401) { me = null; showSignIn(); return false; }
      return true;
    });
  }

  function stopLive() {
    clearTimeout(wsTimer);
    var sock = ws;
    ws = null;
    if (sock) sock.close();
    show($('live'), false);
  }

  function onFrame(f) {
    switch (f.type) {
      case 'agents':
        if (f.change === 'wechat') { toast('微信账号：' + (f.message || '状态有变化')); break; }
        refreshSoon();
        if (f.change === 'customer_message' && f.conversationId && (!current || current.id !== f.conversationId)) {
          unread[f.conversationId] = true;
        }
        break;
      case 'message':
        if (current && f.conversationId === current.id) appendMessage(f);
        else if (f.conversationId && f.from === 'customer') { unread[f.conversationId] = true; renderMine(); }
        break;
      case 'typing':
        if (f.from === 'customer' && current && f.conversationId === current.id) {
          show($('typing'), true);
          clearTimeout(typingTimer);
          typingTimer = setTimeout(function () { show($('typing'), false); }, 5000);
        }
        break;
      case 'error':
        toast((f.message || '实时连接出错') + (f.code ? '（' + f.code + '）' : ''));
        break;
      default:
        break; // ready, queue, turn_end: nothing to show
    }
  }

  // ---- supervisor figures ----

  function loadStats() {
    var grid = $('stats-grid');
    Promise.all([api('GET', '/api/agent/stats?days=14'), api('GET', '/api/agent/wechat')]).then(function (r) {
      grid.textContent = '';
      window.ConsoleStats.render(grid, r[0], r[1]);
    }, fail);
  }

  // ---- wiring ----

  $('dev-form').addEventListener('submit', devLogin);
  $('logout').addEventListener('click', logout);
  $('tab-work').addEventListener('click', function () { showTab('work'); });
  $('tab-stats').addEventListener('click', function () { showTab('stats'); });
  $('stats-reload').addEventListener('click', loadStats);
  $('conv-claim').addEventListener('click', function () { if (current) claimConversation(current.id, $('conv-claim')); });
  $('conv-resolve').addEventListener('click', resolveClick);
  $('transfer-form').addEventListener('submit', transferSubmit);
  $('transfer').addEventListener('toggle', function () { if ($('transfer').open) loadTransferTargets(); });
  $('reply-form').addEventListener('submit', sendReply);
  $('reply').addEventListener('input', typed);
  $('reply').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('reply-form').requestSubmit(); }
  });
  $('note-form').addEventListener('submit', addNoteSubmit);
  setInterval(tick, 1000);
  loadMe();
})();
