// The agent console. Plain DOM, no framework, no inline script (CSP `script-src 'self'`).
// Everything a customer, an agent or the server wrote is rendered with textContent only.
// Lists: console-lists.js; the packet and notes: console-packet.js; alerts: console-alerts.js;
// canned replies: console-canned.js; words for codes: console-text.js; supervisor views:
// console-stats.js and console-team.js.
(function () {
  'use strict';

  var T = window.ConsoleText,
    Lists = window.ConsoleLists,
    Alerts = window.ConsoleAlerts,
    Canned = window.ConsoleCanned,
    Packet = window.ConsolePacket;
  var el = window.ConsoleDom.el;
  var when = Lists.when;
  var TYPING_EVERY_MS = 2000;

  var $ = function (id) {
    return document.getElementById(id);
  };
  var me = null;
  var queue = [],
    queueAt = 0,
    mine = [];
  /** Customer messages not yet seen, per conversation I hold. */
  var unread = {};
  var view = 'live',
    query = '',
    results = [];
  var current = null; // { id, packet, seqs: {} }
  var ws = null,
    wsRetry = 0,
    wsTimer = null;
  var refreshTimer = null,
    typingTimer = null,
    toastTimer = null,
    resolveTimer = null,
    searchTimer = null;
  var lastTypingSent = 0;

  function show(node, on) {
    node.hidden = !on;
  }

  function toast(text) {
    var t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      t.hidden = true;
    }, 5000);
  }

  /** fetch with the session cookie and the CSRF header; rejects with { status, code, message }. */
  function api(method, url, body) {
    var headers = {};
    if (method !== 'GET' && me && me.csrfToken) headers['x-csrf-token'] = me.csrfToken;
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(
      function (res) {
        if (res.status === 204) return null;
        return res.text().then(function (raw) {
          var data;
          try {
            data = raw ? JSON.parse(raw) : null;
          } catch (e) {
            data = null;
          }
          if (res.ok) return data;
          var err = (data && data.error) || {};
          var e = new Error(err.message || 'HTTP ' + res.status);
          e.status = res.status;
          e.code = err.code || 'HTTP_' + res.status;
          throw e;
        });
      },
      function () {
        // The browser's own "Failed to fetch": the server or the network is away.
        var e = new Error(T.ERROR_TEXT.NETWORK);
        e.code = 'NETWORK';
        throw e;
      },
    );
  }

  function fail(e) {
    if (e && e.status === 401 && sessionEnded()) return;
    if (e && e.code === 'CSRF_TOKEN_INVALID' && me) loadMeQuiet(); // a new session elsewhere: fetch the fresh token
    // During an outage every background request fails too: the toast already showing (say, that a reply was
    // not sent and is kept in the box) stays, and the connection line says the rest.
    if (e && e.code === 'NETWORK' && !$('toast').hidden) return;
    var text = (e && T.ERROR_TEXT[e.code]) || (e && e.message) || '请求失败';
    toast(text + (e && e.code && e.code !== 'NETWORK' ? '（' + e.code + '）' : ''));
  }
  function sessionEnded() {
    if (!me) return false;
    me = null;
    showSignIn();
    toast(T.ERROR_TEXT.UNAUTHORIZED);
    return true;
  }

  // ---- signing in and out ----

  function loadMe() {
    return api('GET', '/api/agent/me').then(signedIn, function (e) {
      if (e.status === 401) {
        me = null;
        showSignIn();
      } else fail(e);
    });
  }

  function showSignIn() {
    stopLive();
    current = null;
    ['work', 'team', 'stats', 'tabs', 'logout', 'who', 'live', 'presence-wrap', 'alerts', 'help-open'].forEach(
      function (id) {
        show($(id), false);
      },
    );
    show($('signin'), true);
    Alerts.count(0);
    // The dev sign-in exists only with AGENT_AUTH=dev (its GET serves a bare form; 404 otherwise).
    fetch('/auth/dev/login', { method: 'GET', credentials: 'same-origin' })
      .then(function (res) {
        show($('dev-form'), res.status !== 404);
      })
      .catch(function () {
        show($('dev-form'), false);
      });
  }

  function devLogin(ev) {
    ev.preventDefault();
    var name = $('dev-name').value.trim();
    if (!name) return;
    var btn = $('dev-submit');
    btn.disabled = true;
    fetch('/auth/dev/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name, role: $('dev-role').value }),
    })
      .then(function (res) {
        if (res.status === 404) {
          show($('dev-form'), false);
          toast('此环境未启用开发登录');
          return;
        }
        if (!res.ok) {
          return res
            .json()
            .catch(function () {
              return {};
            })
            .then(function (d) {
              var err = (d && d.error) || {};
              fail({ status: res.status, code: err.code || 'HTTP_' + res.status, message: err.message || '登录失败' });
            });
        }
        return loadMe();
      })
      .catch(fail)
      .then(function () {
        btn.disabled = false;
      });
  }

  function signedIn(who) {
    me = who;
    show($('signin'), false);
    var w = $('who');
    w.textContent = '';
    w.appendChild(document.createTextNode(who.name));
    w.appendChild(el('span', 'top__role', T.ROLE[who.role] || who.role));
    ['who', 'logout', 'tabs', 'presence-wrap', 'alerts', 'help-open'].forEach(function (id) {
      show($(id), true);
    });
    show($('tab-stats'), who.role === 'supervisor');
    show($('tab-team'), who.role === 'supervisor');
    showTab('work');
    loadPresence();
    connectLive();
    // Focus goes where the work is, not to the bare page: the first conversation, else the search.
    T.loadTitles(api)
      .then(refreshLists)
      .then(function () {
        var first = Lists.order($('side'))[0];
        if (first) Lists.focusItem($('side'), first);
        else $('search').focus();
      });
  }

  function logout() {
    api('POST', '/auth/logout')
      .catch(function () {
        /* the session is gone either way */
      })
      .then(function () {
        me = null;
        showSignIn();
      });
  }

  function showTab(name) {
    if (!me || me.role !== 'supervisor') name = 'work';
    ['work', 'team', 'stats'].forEach(function (t) {
      show($(t), t === name);
      $('tab-' + t).classList.toggle('tab--on', t === name);
      $('tab-' + t).setAttribute('aria-pressed', String(t === name));
    });
    if (name === 'stats') loadStats();
    if (name === 'team') loadTeam();
  }

  function loadPresence() {
    api('GET', '/api/agent/agents').then(
      function (r) {
        var self = ((r && r.agents) || []).filter(function (a) {
          return me && a.id === me.id;
        })[0];
        $('presence').value = self ? self.status : 'online';
      },
      function () {
        /* stays as shown */
      },
    );
  }

  function setPresence() {
    var status = $('presence').value;
    api('POST', '/api/agent/me/status', { status: status }).then(function () {
      toast(status === 'away' ? '已设为离开：同事不会再转接会话给您' : '已设为在线');
    }, fail);
  }

  // ---- the lists ----

  function listOptions(kind) {
    return {
      kind: kind,
      current: current && current.id,
      unread: unread,
      onOpen: function (id, viaKeyboard) {
        openConversation(id, { focus: viaKeyboard });
      },
      onClaim: kind === 'queue' ? claimConversation : null,
    };
  }

  function refreshLists() {
    if (!me) return Promise.resolve();
    return Promise.all([api('GET', '/api/agent/queue'), api('GET', '/api/agent/mine')]).then(function (r) {
      queue = (r[0] && r[0].waiting) || [];
      queueAt = Date.now();
      mine = (r[1] && r[1].conversations) || [];
      // Only conversations I hold can have unread messages.
      Object.keys(unread).forEach(function (id) {
        if (
          !mine.some(function (c) {
            return c.conversationId === id;
          })
        )
          delete unread[id];
      });
      renderLists();
    }, fail);
  }
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      refreshLists();
      if (view !== 'live' || query) refreshResults();
    }, 150);
  }

  function renderLists() {
    Lists.render($('queue'), queue, listOptions('queue'));
    Lists.render($('mine'), mine, listOptions('mine'));
    $('queue-count').textContent = String(queue.length);
    $('mine-count').textContent = String(mine.length);
    show($('queue-empty'), queue.length === 0);
    show($('mine-empty'), mine.length === 0);
    var total = Object.keys(unread).reduce(function (n, id) {
      return n + unread[id];
    }, 0);
    $('unread-count').textContent = total + ' 条未读';
    show($('unread-count'), total > 0);
    Alerts.count(total + queue.length);
    Lists.tick($('side'), queueAt);
  }

  function setView(v) {
    view = v;
    Array.prototype.forEach.call(document.querySelectorAll('.view'), function (b) {
      var on = b.dataset.view === v;
      b.classList.toggle('view--on', on);
      b.setAttribute('aria-pressed', String(on));
    });
    refreshResults();
  }

  /** History and search: shown instead of the live lists while a query is typed or another view is picked. */
  function refreshResults() {
    var live = view === 'live' && !query;
    show($('live-lists'), live);
    show($('results-block'), !live);
    if (live) return Promise.resolve();
    $('results-title').textContent = query ? '搜索：' + query : view === 'resolved' ? '已结束的会话' : '全部会话';
    var qs = '?view=' + (view === 'live' ? 'all' : view) + (query ? '&q=' + encodeURIComponent(query) : '');
    return api('GET', '/api/agent/conversations' + qs).then(function (r) {
      results = (r && r.conversations) || [];
      Lists.render($('results'), results, listOptions('history'));
      show($('results-empty'), results.length === 0);
    }, fail);
  }

  function claimConversation(id, btn) {
    if (btn) btn.disabled = true;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(id) + '/claim').then(
      function () {
        toast('已领取，客户会收到客服接入的提示');
        refreshLists();
        openConversation(id, { focus: true });
      },
      function (e) {
        fail(e);
        if (btn) btn.disabled = false;
        refreshLists();
      },
    );
  }

  // ---- the open conversation ----

  /** Opens a conversation; `focus`: move keyboard focus into it (the reply box when it is mine). */
  function openConversation(id, opts) {
    opts = opts || {};
    if (current && current.id !== id) sendFrame({ type: 'unwatch', conversationId: current.id });
    var fresh = !current || current.id !== id;
    if (fresh) {
      current = { id: id, packet: null, seqs: {} };
      ['transcript', 'notes', 'packet', 'earlier'].forEach(function (x) {
        $(x).textContent = '';
      });
      Canned.set([]);
      $('reply').value = '';
      show($('typing'), false);
      show($('empty'), false);
      show($('conv'), true);
      sendFrame({ type: 'watch', conversationId: id });
    }
    delete unread[id];
    renderLists();
    if (results.length) Lists.render($('results'), results, listOptions('history'));
    return reloadCurrent().then(function () {
      if (!opts.focus || !current || current.id !== id) return;
      if (heldByMe()) $('reply').focus();
      else $('conv-title').focus();
    });
  }

  function reloadCurrent() {
    if (!current) return Promise.resolve();
    var id = current.id;
    return api('GET', '/api/agent/conversations/' + encodeURIComponent(id)).then(function (p) {
      if (!current || current.id !== id) return;
      var first = !current.packet;
      current.packet = p;
      $('conv-title').textContent = Packet.render($('packet'), p);
      (p.transcript || []).forEach(appendMessage);
      if (first) $('transcript').scrollTop = $('transcript').scrollHeight; // opened: the latest lines, not the first
      Packet.notes($('notes'), p.notes || []);
      renderEarlier(p.earlier || []);
      renderControls();
      if (heldByMe()) loadCanned(id);
      else Canned.set([]);
    }, fail);
  }

  function heldByMe() {
    var h = current && current.packet && current.packet.handoff;
    return !!(h && me && h.status === 'active' && h.agentId === me.id);
  }

  /** What the reply box says when the agent cannot write: why, in this conversation's state. */
  function replyHint(h) {
    if (!h)
      return current.packet.earlier && current.packet.earlier.length
        ? '会话已结束，无法再回复'
        : '该会话未转人工，无法回复';
    if (h.status === 'active') return '该会话由 ' + (h.agentName || '其他客服') + ' 处理';
    if (h.status === 'awaiting_rating' || h.status === 'closed') return '服务已结束，正在等待客户评分';
    return '领取后才能回复客户';
  }

  function renderControls() {
    var h = current.packet.handoff;
    var status = h ? h.status : current.packet.earlier && current.packet.earlier.length ? 'closed' : 'none';
    var held = heldByMe();
    var badge = $('conv-status');
    badge.className = 'badge badge--' + status;
    badge.textContent = h
      ? (T.HANDOFF_STATUS[status] || status) +
        (status === 'active' && h.agentName && !held ? '（' + h.agentName + '）' : '')
      : status === 'closed'
        ? T.HANDOFF_STATUS.closed
        : '未转人工';
    show($('conv-claim'), !!h && ['queued', 'ticket', 'ticket_pending'].indexOf(status) >= 0);
    $('conv-claim').disabled = false;
    show($('transfer'), held);
    show($('conv-resolve'), held);
    if (!held) $('transfer').open = false;
    resetResolve();
    $('reply').disabled = !held;
    $('reply-send').disabled = !held;
    $('reply').placeholder = held ? '输入回复，Enter 发送，Shift+Enter 换行，/ 选快捷回复' : replyHint(h);
    $('reply-form').classList.toggle('reply--off', !held);
  }

  function renderEarlier(list) {
    Lists.render($('earlier'), list, listOptions('history'));
    show($('earlier-empty'), list.length === 0);
  }

  /** Adds a message to the transcript in seq order; a seq already shown is ignored. */
  function appendMessage(m) {
    if (!current || typeof m.seq !== 'number' || current.seqs[m.seq]) return;
    current.seqs[m.seq] = true;
    var log = $('transcript');
    var nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    var li = el('li', 'msg msg--' + m.from);
    li.dataset.seq = String(m.seq);
    var who = el('span', 'msg__who', m.from === 'agent' && m.author ? '客服 ' + m.author : T.FROM[m.from] || m.from);
    if (m.at) who.appendChild(el('time', 'msg__time', when(m.at)));
    li.appendChild(who);
    li.appendChild(document.createTextNode(m.text));
    var after = null;
    Array.prototype.some.call(log.children, function (c) {
      if (Number(c.dataset.seq) > m.seq) {
        after = c;
        return true;
      }
      return false;
    });
    log.insertBefore(li, after);
    if (nearBottom || m.from === 'agent') log.scrollTop = log.scrollHeight;
    if (m.from === 'customer') show($('typing'), false);
  }

  function loadCanned(id) {
    api('GET', '/api/agent/conversations/' + encodeURIComponent(id) + '/canned').then(function (r) {
      if (current && current.id === id) Canned.set((r && r.replies) || []);
    }, fail);
  }

  function putReply(text) {
    var input = $('reply');
    input.value = text;
    input.focus();
    typed();
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
    api('POST', '/api/agent/conversations/' + encodeURIComponent(id) + '/messages', { text: text })
      .then(
        function (r) {
          if (current && current.id === id && r && r.message) appendMessage(r.message);
        },
        function (e) {
          if (current && current.id === id && !input.value.trim()) input.value = text;
          if (e.code === 'NETWORK') toast('消息未发出：网络连接中断。内容已保留在回复框，恢复后再发送。');
          else fail(e);
        },
      )
      .then(function () {
        $('reply-send').disabled = !heldByMe();
        // Back to the reply box only if the agent is still here and has not moved focus elsewhere
        // (Alt+↑/↓ to the next conversation while the POST was on its way took focus back, then lost it).
        var at = document.activeElement;
        if (current && current.id === id && (!at || at === document.body || at === input || at === $('reply-send')))
          input.focus();
      });
  }

  /** The customer sees "typing…" while the agent types: at most one call every 2 s. */
  function typed() {
    if (!current || !heldByMe()) return;
    var now = Date.now();
    if (now - lastTypingSent < TYPING_EVERY_MS) return;
    lastTypingSent = now;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(current.id) + '/typing').catch(function () {
      /* best effort */
    });
  }

  function addNoteSubmit(ev) {
    ev.preventDefault();
    var input = $('note');
    var text = input.value.trim();
    if (!text || !current) return;
    var id = current.id;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(id) + '/notes', { text: text }).then(function (r) {
      if (current && current.id === id && r && r.note) Packet.addNote($('notes'), r.note);
      input.value = '';
    }, fail);
  }

  /** The transfer list: the other agents signed in now; those away are shown but cannot be picked. */
  function loadTransferTargets() {
    var select = $('transfer-to');
    api('GET', '/api/agent/agents').then(function (r) {
      var others = ((r && r.agents) || []).filter(function (a) {
        return !me || a.id !== me.id;
      });
      select.textContent = '';
      var available = others.filter(function (a) {
        return a.status !== 'away';
      });
      if (!available.length) select.appendChild(el('option', null, '暂无其他在线客服')).value = '';
      others.forEach(function (a) {
        var opt = el(
          'option',
          null,
          a.name + (a.role === 'supervisor' ? '（主管）' : '') + (a.status === 'away' ? '（离开）' : ''),
        );
        opt.value = a.id;
        opt.disabled = a.status === 'away';
        select.appendChild(opt);
      });
      if (available.length) select.value = available[0].id;
      $('transfer-submit').disabled = !available.length;
    }, fail);
  }

  function transferSubmit(ev) {
    ev.preventDefault();
    if (!current) return;
    var select = $('transfer-to');
    var to = select.value;
    if (!to) return;
    var name = select.options[select.selectedIndex].textContent;
    api('POST', '/api/agent/conversations/' + encodeURIComponent(current.id) + '/transfer', { to: to }).then(
      function () {
        toast('已转接给 ' + name);
        $('transfer').open = false;
        closeConversation(); // only its holder may read it now
        refreshLists();
      },
      fail,
    );
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
    api('POST', '/api/agent/conversations/' + encodeURIComponent(current.id) + '/resolve')
      .then(function () {
        toast('已结束服务，已请客户评分');
        refreshLists();
        return reloadCurrent();
      }, fail)
      .then(function () {
        btn.disabled = false;
      });
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

  function setLive(text) {
    var l = $('live');
    l.textContent = text;
    show(l, true);
  }

  function connectLive() {
    if (!me || ws) return;
    clearTimeout(wsTimer);
    setLive('连接中…');
    var sock = new WebSocket((location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/ws/agent');
    ws = sock;
    sock.onopen = function () {
      wsRetry = 0;
      setLive('实时在线');
      if (current) {
        sendFrame({ type: 'watch', conversationId: current.id });
        reloadCurrent();
      }
      refreshLists(); // whatever changed while we were away
    };
    sock.onmessage = function (ev) {
      var f;
      try {
        f = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      onFrame(f);
    };
    sock.onclose = function () {
      if (ws !== sock) return;
      ws = null;
      if (!me) return;
      setLive('已断开，正在重连…');
      // Short waits like the web chat's: an agent should not sit out 15 s after the server is back.
      var delay = [500, 1000, 2000, 4000][Math.min(wsRetry++, 3)];
      wsTimer = setTimeout(function () {
        // After a few failures, check the session is still there before trying again.
        if (wsRetry > 2)
          loadMeQuiet().then(function (ok) {
            if (ok) connectLive();
          });
        else connectLive();
      }, delay);
    };
  }

  function loadMeQuiet() {
    return api('GET', '/api/agent/me').then(
      function (who) {
        me = who;
        return true;
      },
      function (e) {
        if (e.status === 401) {
          me = null;
          showSignIn();
          return false;
        }
        return true;
      },
    );
  }

  function stopLive() {
    clearTimeout(wsTimer);
    var sock = ws;
    ws = null;
    if (sock) sock.close();
    show($('live'), false);
  }

  /** A new wait: ring, and once the queue is fetched say who is waiting and why. */
  function announce(conversationId) {
    refreshLists().then(function () {
      var q = queue.filter(function (x) {
        return x.conversationId === conversationId;
      })[0];
      var body = q
        ? (q.orderNo ? '订单 ' + q.orderNo : '新客户') +
          ' · ' +
          T.reasonText(q.reason) +
          (q.priority === 'urgent' ? ' · 优先' : '')
        : '有客户等待人工服务';
      Alerts.escalation(body, function () {
        showTab('work');
        openConversation(conversationId, { focus: true });
      });
    });
  }

  function onFrame(f) {
    switch (f.type) {
      case 'agents':
        if (f.change === 'wechat') {
          toast('微信账号：' + (f.message || '状态有变化'));
          break;
        }
        if (f.change === 'escalation' && f.conversationId) {
          announce(f.conversationId);
          break;
        }
        if (
          f.change === 'customer_message' &&
          f.conversationId &&
          (!current || current.id !== f.conversationId) &&
          mine.some(function (c) {
            return c.conversationId === f.conversationId;
          })
        ) {
          unread[f.conversationId] = (unread[f.conversationId] || 0) + 1;
        }
        if (f.change === 'presence' && !$('team').hidden) loadTeam();
        refreshSoon();
        break;
      case 'message':
        if (current && f.conversationId === current.id) appendMessage(f);
        break;
      case 'typing':
        if (f.from === 'customer' && current && f.conversationId === current.id) {
          show($('typing'), true);
          clearTimeout(typingTimer);
          typingTimer = setTimeout(function () {
            show($('typing'), false);
          }, 5000);
        }
        break;
      case 'error':
        // Watching a finished conversation is refused: its transcript is shown, it just won't move.
        if (f.code === 'FORBIDDEN' && f.conversationId) break;
        toast((f.message || '实时连接出错') + (f.code ? '（' + f.code + '）' : ''));
        break;
      default:
        break; // ready, queue, turn_end, locale: nothing to show
    }
  }

  // ---- supervisor views ----

  function loadStats() {
    var grid = $('stats-grid');
    Promise.all([api('GET', '/api/agent/stats?days=14'), api('GET', '/api/agent/wechat')]).then(function (r) {
      grid.textContent = '';
      window.ConsoleStats.render(grid, r[0], r[1]);
    }, fail);
  }

  /** Every agent with their status and the conversations they hold; a line opens the conversation. */
  function loadTeam() {
    api('GET', '/api/agent/team').then(function (r) {
      window.ConsoleTeam.render($('team-grid'), (r && r.agents) || [], current && current.id, function (id) {
        showTab('work');
        openConversation(id, { focus: true });
      });
    }, fail);
  }

  // ---- keyboard ----

  function step(delta) {
    var ids = Lists.order($('side'));
    if (!ids.length) return;
    var at = current ? ids.indexOf(current.id) : -1;
    var next = ids[at < 0 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + delta))];
    showTab('work');
    openConversation(next);
    Lists.focusItem($('side'), next);
  }

  function inField(t) {
    return t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].indexOf(t.tagName) >= 0);
  }

  function helpOpen(on) {
    show($('help'), on);
    if (on) $('help-close').focus();
    else $('help-open').focus();
  }

  function onKey(e) {
    if (!me || e.isComposing || e.ctrlKey || e.metaKey) return;
    if (!$('help').hidden) {
      if (e.key === 'Escape' || e.key === 'Tab') {
        e.preventDefault();
        helpOpen(false);
      }
      return;
    }
    if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      step(e.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    if (e.altKey && e.key === 'Enter' && current && !$('conv-claim').hidden) {
      e.preventDefault();
      claimConversation(current.id, $('conv-claim'));
      return;
    }
    if (e.altKey || inField(e.target)) return;
    if (e.key === 'j' || e.key === 'k') {
      e.preventDefault();
      step(e.key === 'j' ? 1 : -1);
    } else if (e.key === 'r' && current && !$('reply').disabled) {
      e.preventDefault();
      $('reply').focus();
    } else if (e.key === '/') {
      e.preventDefault();
      showTab('work');
      $('search').focus();
    } else if (e.key === '?') {
      e.preventDefault();
      helpOpen(true);
    }
  }

  // ---- wiring ----

  $('dev-form').addEventListener('submit', devLogin);
  $('logout').addEventListener('click', logout);
  ['work', 'team', 'stats'].forEach(function (t) {
    $('tab-' + t).addEventListener('click', function () {
      showTab(t);
    });
  });
  $('stats-reload').addEventListener('click', loadStats);
  $('team-reload').addEventListener('click', loadTeam);
  $('presence').addEventListener('change', setPresence);
  Alerts.init($('alerts'));
  $('help-open').addEventListener('click', function () {
    helpOpen(true);
  });
  $('help-close').addEventListener('click', function () {
    helpOpen(false);
  });
  $('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    query = $('search').value.trim();
    refreshResults();
  });
  $('search').addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      query = $('search').value.trim();
      refreshResults();
    }, 250);
  });
  Array.prototype.forEach.call(document.querySelectorAll('.view'), function (b) {
    b.addEventListener('click', function () {
      setView(b.dataset.view);
    });
  });
  $('conv-claim').addEventListener('click', function () {
    if (current) claimConversation(current.id, $('conv-claim'));
  });
  $('conv-resolve').addEventListener('click', resolveClick);
  $('transfer-form').addEventListener('submit', transferSubmit);
  $('transfer').addEventListener('toggle', function () {
    if ($('transfer').open) loadTransferTargets();
  });
  $('reply-form').addEventListener('submit', sendReply);
  $('reply').addEventListener('input', typed);
  Canned.init($('reply'), $('canned'), $('canned-picker'), putReply);
  $('reply').addEventListener('keydown', function (e) {
    if (Canned.key(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing) {
      e.preventDefault();
      $('reply-form').requestSubmit();
    }
  });
  $('note-form').addEventListener('submit', addNoteSubmit);
  // The canned replies' row takes room from the transcript once it loads: stay on the latest line.
  var pinned = true;
  $('transcript').addEventListener('scroll', function () {
    var l = $('transcript');
    pinned = l.scrollHeight - l.scrollTop - l.clientHeight < 80;
  });
  if (window.ResizeObserver)
    new window.ResizeObserver(function () {
      if (pinned) $('transcript').scrollTop = $('transcript').scrollHeight;
    }).observe($('transcript'));
  document.addEventListener('keydown', onKey);
  setInterval(function () {
    Lists.tick($('side'), queueAt);
  }, 1000);
  loadMe();
})();
