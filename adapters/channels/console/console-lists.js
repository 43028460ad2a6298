// The conversation lists of the console (queue, my chats, search results, a supervisor's team view).
// Each line opens with a real button, so a keyboard reaches and opens it like a mouse does; urgent
// lines carry a visible mark, unread ones a count, and every line previews the last message.
(function () {
  'use strict';
  var el = window.ConsoleDom.el;
  var T = window.ConsoleText;
  /** A wait longer than this is marked: it has gone past what a chat customer puts up with. */
  var LONG_WAIT_S = 300;

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600),
      m = Math.floor((seconds % 3600) / 60),
      s = seconds % 60;
    var mm = (h ? String(m).padStart(2, '0') : String(m)) + ':' + String(s).padStart(2, '0');
    return h ? h + ':' + mm : mm;
  }
  function when(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d.getTime())
      ? String(iso)
      : d.toLocaleString('zh-CN', {
          hour12: false,
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        });
  }
  function title(c) {
    return c.orderNo ? '订单 ' + c.orderNo : '会话 ' + c.conversationId.slice(0, 8);
  }

  /**
   * One line. `c`: a queue, mine or history entry; `o`: { current, unread, onOpen(id, viaKeyboard), onClaim(id, btn), kind }.
   */
  function item(c, o) {
    var urgent = c.priority === 'urgent';
    var li = el('li', 'item' + (urgent ? ' item--urgent' : '') + (o.current === c.conversationId ? ' item--on' : ''));
    li.dataset.conversationId = c.conversationId;
    var open = el('button', 'item__open');
    open.type = 'button';
    if (o.current === c.conversationId) open.setAttribute('aria-current', 'true');
    var head = el('span', 'item__head');
    head.appendChild(el('span', 'item__title', title(c)));
    var unread = (o.unread && o.unread[c.conversationId]) || 0;
    if (unread) {
      var badge = el('span', 'item__unread', unread > 99 ? '99+' : unread);
      badge.setAttribute('aria-label', unread + ' 条未读');
      head.appendChild(badge);
    }
    open.appendChild(head);
    var meta = el('span', 'item__meta');
    if (urgent) meta.appendChild(el('span', 'tag tag--urgent', '优先'));
    if (o.kind === 'queue') {
      meta.appendChild(el('span', null, '第 ' + c.position + ' 位'));
      var wait = el('span', 'item__wait');
      wait.dataset.base = String(c.waitedSeconds || 0);
      wait.title = '开始等待：' + when(c.waitingSince);
      meta.appendChild(wait);
      if ((c.waitedSeconds || 0) >= LONG_WAIT_S) meta.appendChild(el('span', 'tag tag--long', '久等'));
      if (c.reason && c.reason.indexOf('ticket:') === 0) meta.appendChild(el('span', 'tag tag--ticket', '留言'));
    } else if (o.kind === 'mine') {
      meta.appendChild(el('span', null, '领取于 ' + when(c.claimedAt)));
    } else {
      meta.appendChild(el('span', 'tag', T.HANDOFF_STATUS[c.status] || c.status));
      meta.appendChild(el('span', null, when(c.queuedAt)));
      if (c.agentName) meta.appendChild(el('span', null, c.agentName));
      if (c.rating) meta.appendChild(el('span', null, c.rating + ' 分'));
    }
    meta.appendChild(el('span', 'tag', T.reasonText(c.reason)));
    if (c.failureCode) {
      var code = el('span', 'tag tag--code', T.failureTitle(c.failureCode));
      code.title = c.failureCode;
      meta.appendChild(code);
    }
    open.appendChild(meta);
    if (c.lastMessage) {
      var p = el('span', 'item__preview');
      p.appendChild(el('span', 'item__from', (T.FROM[c.lastMessage.from] || c.lastMessage.from) + '：'));
      p.appendChild(document.createTextNode(c.lastMessage.text));
      open.appendChild(p);
    }
    open.addEventListener('click', function (e) {
      o.onOpen(c.conversationId, e.detail === 0);
    });
    li.appendChild(open);
    if (o.onClaim) {
      var claim = el('button', 'btn btn--primary btn--small item__claim', '领取');
      claim.type = 'button';
      claim.setAttribute('aria-label', '领取 ' + title(c));
      claim.addEventListener('click', function () {
        o.onClaim(c.conversationId, claim);
      });
      li.appendChild(claim);
    }
    return li;
  }

  /** Fills `ul` with `entries`, keeping keyboard focus on the same conversation across re-renders. */
  function render(ul, entries, o) {
    var focused = ul.contains(document.activeElement) ? document.activeElement : null;
    var focusId = focused && focused.closest('li') ? focused.closest('li').dataset.conversationId : null;
    var claimFocused = focused && focused.classList.contains('item__claim');
    ul.textContent = '';
    entries.forEach(function (c) {
      ul.appendChild(item(c, o));
    });
    if (focusId) {
      var again = ul.querySelector(
        'li[data-conversation-id="' + CSS.escape(focusId) + '"] ' + (claimFocused ? '.item__claim' : '.item__open'),
      );
      if (again) again.focus();
    }
  }

  /** Queue wait times tick from the server's figure at fetch time (no dependence on clock skew). */
  function tick(root, fetchedAt) {
    var extra = (Date.now() - fetchedAt) / 1000;
    Array.prototype.forEach.call(root.querySelectorAll('.item__wait'), function (w) {
      w.textContent = '已等待 ' + duration(Number(w.dataset.base) + extra);
    });
  }

  /** The lines on screen in `root`, top to bottom (the live lists or the search results, whichever shows). */
  function shown(root) {
    return Array.prototype.filter.call(root.querySelectorAll('.list > li'), function (li) {
      return !li.closest('[hidden]');
    });
  }

  /** The conversation ids on screen, top to bottom, each once (for next/previous). */
  function order(root) {
    return shown(root)
      .map(function (li) {
        return li.dataset.conversationId;
      })
      .filter(function (id, i, all) {
        return all.indexOf(id) === i;
      });
  }

  function focusItem(root, id) {
    var li = shown(root).filter(function (l) {
      return l.dataset.conversationId === id;
    })[0];
    if (li) li.querySelector('.item__open').focus();
  }

  window.ConsoleLists = { render: render, tick: tick, order: order, focusItem: focusItem, when: when };
})();
