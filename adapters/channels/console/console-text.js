// The console's words for what the server sends as codes: roles, handoff reasons and states, order
// states, senders, errors, and the failure reasons' titles (loaded once from GET /api/agent/reasons,
// so an agent reads 不发货地区, not AREA_FORBIDDEN).
(function () {
  'use strict';
  var LANG = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
  var ROLE = { agent: '客服', supervisor: '主管' };
  var REASON = {
    customer_request: '客户要求人工',
    complaint: '投诉',
    regulator: '扬言向监管投诉',
    not_understood: '机器人未能理解',
    needs_human: '需人工处理',
    source_down: '订单系统不可用',
    locked: '验证被锁定',
  };
  var HANDOFF_STATUS = {
    queued: '排队中',
    active: '服务中',
    ticket_pending: '等待留言',
    ticket: '留言工单',
    awaiting_rating: '待客户评分',
    closed: '已结束',
  };
  var ORDER_STATUS = {
    in_review: '审核中',
    shipped: '已发货',
    activated: '已激活',
    completed: '已办理完成',
    failed: '办理失败',
    cancelled: '已取消',
    expired: '已失效',
    needs_photos: '需补充证件照片',
    unknown: '状态无法识别',
  };
  var FROM = { customer: '客户', bot: '机器人', agent: '客服', system: '系统' };
  var PRESENCE = { online: '在线', away: '离开', signed_out: '未登录' };
  var ERROR_TEXT = {
    ALREADY_CLAIMED: '该会话已被其他客服领取',
    NOT_IN_HANDOFF: '该会话当前不在人工服务中',
    NOT_YOUR_CONVERSATION: '该会话由其他客服处理',
    AGENT_UNAVAILABLE: '对方已离开或已退出登录，请选择其他客服',
    FORBIDDEN: '没有权限执行此操作',
    RATE_LIMITED: '操作太频繁，请稍后再试',
    CONVERSATION_NOT_FOUND: '会话不存在',
    UNAUTHORIZED: '登录已失效，请重新登录',
    CSRF_TOKEN_INVALID: '安全校验失败，已刷新凭据，请重试',
    NETWORK: '网络连接中断，请检查网络后重试',
  };
  var titles = {};

  function reasonText(reason) {
    if (!reason) return '';
    var r = reason.indexOf('ticket:') === 0 ? reason.slice(7) : reason;
    return REASON[r] || r;
  }
  /** A failure code's title in the console's language; the code itself if the title is not known. */
  function failureTitle(code) {
    return (titles[code] && titles[code][LANG]) || code;
  }
  /** What the supervisor's chart shows for a key: a failure code, or a handoff reason without one. */
  function escalationLabel(key) {
    return titles[key] ? failureTitle(key) : reasonText(key);
  }
  function loadTitles(api) {
    return api('GET', '/api/agent/reasons').then(
      function (r) {
        titles = (r && r.reasons) || {};
      },
      function () {
        /* codes stay readable */
      },
    );
  }

  window.ConsoleText = {
    ROLE: ROLE,
    HANDOFF_STATUS: HANDOFF_STATUS,
    ORDER_STATUS: ORDER_STATUS,
    FROM: FROM,
    PRESENCE: PRESENCE,
    ERROR_TEXT: ERROR_TEXT,
    reasonText: reasonText,
    failureTitle: failureTitle,
    escalationLabel: escalationLabel,
    loadTitles: loadTitles,
  };
})();
