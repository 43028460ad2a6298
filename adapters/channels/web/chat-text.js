// The web chat's own words, in both languages the bot speaks. The page shows the conversation's
// language (the server says which), so a customer writing English never sees Chinese controls.
(function () {
  'use strict';
  var TEXT = {
    'zh-CN': {
      title: '号卡订单助手',
      chat: '在线客服',
      log: '聊天记录',
      connecting: '连接中…',
      online: '在线',
      offline: '已断开，正在重连…',
      reconnected: '已重新连接',
      placeholder: '请输入订单号或您的问题',
      message: '消息',
      send: '发送',
      agent: '客服',
      typing: '对方正在输入…',
      suggestions: '快捷回复',
      other: 'English',
      otherLang: 'en',
      open: '打开链接',
      errors: {
        RATE_LIMITED: '发送太频繁了，请稍等几秒再发。',
        MESSAGE_TOO_LONG: '消息太长了，请分几次发送。',
        INTERNAL: '系统出了点问题，请稍后再发一次。',
      },
    },
    en: {
      title: '172 SIM order assistant',
      chat: 'Customer support chat',
      log: 'Conversation',
      connecting: 'Connecting…',
      online: 'Online',
      offline: 'Disconnected, reconnecting…',
      reconnected: 'Reconnected',
      placeholder: 'Type your order number or question',
      message: 'Message',
      send: 'Send',
      agent: 'Agent',
      typing: 'Typing…',
      suggestions: 'Quick replies',
      other: '中文',
      otherLang: 'zh-CN',
      open: 'Open link',
      errors: {
        RATE_LIMITED: 'Too many messages at once; wait a few seconds.',
        MESSAGE_TOO_LONG: 'That message is too long; please send it in parts.',
        INTERNAL: 'Something went wrong on our side; please send it again.',
      },
    },
  };

  /** The language a browser asks for, as one the bot speaks. */
  function fromBrowser(langs) {
    var list = langs && langs.length ? langs : [navigator.language || ''];
    for (var i = 0; i < list.length; i++) {
      var l = String(list[i]).toLowerCase();
      if (l.indexOf('zh') === 0) return 'zh-CN';
      if (l.indexOf('en') === 0) return 'en';
    }
    return 'zh-CN';
  }

  /** "14:05" today, "11月25日 14:05" / "Nov 25, 14:05" on another day, in the page's language. */
  function time(iso, locale) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    var opts = { hour: '2-digit', minute: '2-digit', hour12: false };
    if (d.toDateString() !== new Date().toDateString()) {
      opts.month = 'short';
      opts.day = 'numeric';
    }
    return d.toLocaleString(locale, opts);
  }

  window.ChatText = { TEXT: TEXT, fromBrowser: fromBrowser, time: time };
})();
