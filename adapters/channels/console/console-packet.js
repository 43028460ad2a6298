// The handoff packet beside the transcript (what the bot already knows, personal data masked by
// the server) and the internal notes. DOM only, from the data the API gives.
(function () {
  'use strict';
  var el = window.ConsoleDom.el;
  var T = window.ConsoleText;
  var when = window.ConsoleLists.when;

  function fact(dl, label, value, cls) {
    if (value === undefined || value === null || value === '') return null;
    dl.appendChild(el('dt', null, label));
    var dd = el('dd', cls, value);
    dd.dataset.fact = label;
    dl.appendChild(dd);
    return dd;
  }

  /** Fills `dl` with packet `p`; returns the conversation's title (its order, else its id). */
  function render(dl, p) {
    dl.textContent = '';
    var o = p.order,
      h = p.handoff,
      c = p.checked || {};
    var orderNo = (o && o.orderNo) || c.orderNo;
    var code = (o && o.failureCode) || c.failureCode;
    fact(dl, '订单号', orderNo);
    if (o)
      fact(
        dl,
        '订单状态',
        (T.ORDER_STATUS[o.status] || o.status) + (o.rawStatus ? '（平台：' + o.rawStatus + '）' : ''),
      );
    // The reason's title for reading; its code in the tooltip for searching the platform's documents.
    var reason = fact(dl, '失败原因', code && T.failureTitle(code));
    if (reason) reason.title = code;
    if (o) {
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
    }
    fact(dl, '手机后4位', c.phoneTailVerified ? '已验证 ✓' : '未验证', c.phoneTailVerified ? 'ok' : null);
    if (h) {
      fact(dl, '转人工原因', T.reasonText(h.reason), p.priority === 'urgent' ? 'urgent' : null);
      fact(dl, '排队时间', when(h.queuedAt));
      fact(dl, '接待客服', h.agentName);
      fact(dl, '客户留言', h.ticketText);
      if (h.rating) fact(dl, '客户评分', h.rating + ' 分');
    }
    fact(dl, '渠道', p.channel === 'web' ? '网页' : p.channel);
    fact(dl, '语言', p.locale === 'en' ? '英文' : '中文');
    return orderNo ? '订单 ' + orderNo : '会话 ' + p.conversationId.slice(0, 8);
  }

  function addNote(ul, n) {
    var none = ul.querySelector('.notes__none');
    if (none) none.remove();
    var li = el('li');
    li.appendChild(el('span', 'notes__meta', n.agentName + ' · ' + when(n.at)));
    li.appendChild(document.createTextNode(n.text));
    ul.appendChild(li);
  }

  function notes(ul, list) {
    ul.textContent = '';
    list.forEach(function (n) {
      addNote(ul, n);
    });
    if (!list.length) ul.appendChild(el('li', 'muted notes__none', '暂无备注'));
  }

  window.ConsolePacket = { render: render, notes: notes, addNote: addNote };
})();
