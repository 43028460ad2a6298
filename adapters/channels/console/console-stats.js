// The supervisor's figures and the WeChat account card, drawn as SVG through DOM calls (no library).
(function () {
  'use strict';
  var el = window.ConsoleDom.el;
  var svg = window.ConsoleDom.svg;
  var T = window.ConsoleText;
  /** Room one date label needs in the 400-wide charts (11 px text): 14 days of labels side by side ran together. */
  var LABEL_W = 34;

  var WECHAT_STATE = {
    off: '未开启',
    'logged-in': '已登录',
    'waiting-scan': '等待扫码',
    'logged-out': '已退出',
    starting: '启动中',
    error: '出错',
  };

  /** The WeChat account: login state, the QR code link to scan, the outbox, the last problem. */
  function renderWechat(grid, w) {
    var c = card(grid, '微信账号', 'stat-wechat');
    c.appendChild(el('div', 'big', WECHAT_STATE[w.state] || w.state));
    if (w.user) c.appendChild(el('p', 'muted', '账号：' + w.user));
    if (w.qrcodeImageUrl && w.state !== 'logged-in') {
      var a = el('a', null, '打开登录二维码');
      a.href = w.qrcodeImageUrl;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      c.appendChild(a);
    }
    if (w.outbox)
      c.appendChild(
        el(
          'p',
          'muted',
          '待发送 ' +
            (w.outbox.pending || 0) +
            ' · 已发送 ' +
            (w.outbox.sent || 0) +
            ' · 放弃 ' +
            (w.outbox.given_up || 0),
        ),
      );
    if (w.lastError) c.appendChild(el('p', 'muted', '最近问题：' + w.lastError));
    // Said for a supervisor: turning the channel on is an administrator's job, not theirs.
    if (w.state === 'off')
      c.appendChild(el('p', 'muted', '微信渠道尚未开通。如需在微信里接待客户，请联系系统管理员开通。'));
  }

  function card(grid, title, id) {
    var c = el('section', 'card');
    c.id = id;
    c.appendChild(el('h3', null, title));
    grid.appendChild(c);
    return c;
  }

  function renderStats(grid, s) {
    var days = s.days || [];
    var labels = days.map(function (d) {
      return Number(d.day.slice(5, 7)) + '/' + Number(d.day.slice(8, 10));
    });

    var c1 = card(grid, '机器人独立解决率', 'stat-containment');
    var pct = s.containment === null || s.containment === undefined ? null : Math.round(s.containment * 1000) / 10;
    c1.appendChild(el('div', 'big', pct === null ? '—' : pct + '%'));
    var bar = svg('svg', {
      viewBox: '0 0 400 24',
      role: 'img',
      'aria-label': '独立解决率 ' + (pct === null ? '无数据' : pct + '%'),
    });
    bar.appendChild(svg('rect', { x: 0, y: 4, width: 400, height: 16, rx: 8, fill: '#f2f3f5' }));
    bar.appendChild(
      svg('rect', { x: 0, y: 4, width: Math.round(4 * (pct || 0)), height: 16, rx: 8, class: 'chart-bar' }),
    );
    c1.appendChild(bar);
    c1.appendChild(el('p', 'muted', '共 ' + s.conversations + ' 个会话，其中 ' + s.escalated + ' 个转人工'));

    var c2 = card(grid, '各失败原因的转人工次数', 'stat-codes');
    var codes = Object.keys(s.escalationsByCode || {})
      .map(function (k) {
        return [T.escalationLabel(k), s.escalationsByCode[k], k];
      })
      .sort(function (a, b) {
        return b[1] - a[1];
      });
    c2.appendChild(codes.length ? hBars(codes) : el('p', 'muted', '暂无数据'));

    var c3 = card(grid, '每日平均等待时长（分钟）', 'stat-wait');
    c3.appendChild(
      days.length
        ? vBars(
            '每日平均等待时长（分钟）',
            labels,
            days.map(function (d) {
              return d.avgWaitSeconds === null ? null : d.avgWaitSeconds / 60;
            }),
            null,
            1,
          )
        : el('p', 'muted', '暂无数据'),
    );

    var c4 = card(grid, '每日平均评分（1–5）', 'stat-rating');
    c4.appendChild(
      days.some(function (d) {
        return d.avgRating !== null;
      })
        ? line(
            '每日平均评分',
            labels,
            days.map(function (d) {
              return d.avgRating;
            }),
            5,
          )
        : el('p', 'muted', '暂无评分'),
    );

    var c5 = card(grid, '每日转人工数', 'stat-handoffs');
    c5.appendChild(
      days.length
        ? vBars(
            '每日转人工数',
            labels,
            days.map(function (d) {
              return d.handoffs;
            }),
            null,
            0,
            true,
          )
        : el('p', 'muted', '暂无数据'),
    );
  }

  function hBars(rows) {
    var rowH = 24,
      w = 400,
      labelW = 165,
      h = rows.length * rowH + 4;
    var max =
      Math.max.apply(
        null,
        rows.map(function (r) {
          return r[1];
        }),
      ) || 1;
    var root = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': '各失败原因的转人工次数' });
    rows.forEach(function (r, i) {
      var y = i * rowH + 2;
      var bw = Math.max(2, Math.round(((w - labelW - 40) * r[1]) / max));
      root.appendChild(svg('text', { x: labelW - 6, y: y + 15, 'text-anchor': 'end', class: 'chart-label' }, r[0]));
      var rect = svg('rect', { x: labelW, y: y + 3, width: bw, height: rowH - 8, rx: 3, class: 'chart-bar' });
      rect.appendChild(svg('title', {}, r[0] + '（' + r[2] + '）：' + r[1]));
      root.appendChild(rect);
      root.appendChild(svg('text', { x: labelW + bw + 5, y: y + 15, class: 'chart-label' }, r[1]));
    });
    return root;
  }

  /** Every n-th date is written under the axis, so labels never overlap; each bar's title has its own date. */
  function labelEvery(slot) {
    return Math.max(1, Math.ceil(LABEL_W / slot));
  }
  /** Counted back from the last day, so today always has its label. */
  function labelled(i, n, every) {
    return (n - 1 - i) % every === 0;
  }

  function vBars(name, labels, values, max, digits, alt) {
    var w = 400,
      h = 180,
      left = 30,
      bottom = 22,
      top = 18;
    var top0 =
      max ||
      Math.max.apply(
        null,
        values.map(function (v) {
          return v || 0;
        }),
      ) ||
      1;
    var root = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': name });
    var slot = (w - left) / labels.length,
      ph = h - bottom - top,
      every = labelEvery(slot);
    root.appendChild(svg('line', { x1: left, y1: h - bottom, x2: w, y2: h - bottom, class: 'chart-axis' }));
    labels.forEach(function (label, i) {
      var v = values[i];
      var x = left + i * slot;
      if (v !== null && v !== undefined) {
        var bh = Math.max(1, Math.round((ph * v) / top0));
        var rect = svg('rect', {
          x: x + slot * 0.2,
          y: h - bottom - bh,
          width: slot * 0.6,
          height: bh,
          rx: 2,
          class: alt ? 'chart-bar chart-bar--alt' : 'chart-bar',
        });
        rect.appendChild(svg('title', {}, label + '：' + v.toFixed(digits)));
        root.appendChild(rect);
        if (labelled(i, labels.length, every) || v)
          root.appendChild(
            svg(
              'text',
              { x: x + slot / 2, y: h - bottom - bh - 3, 'text-anchor': 'middle', class: 'chart-label' },
              v.toFixed(digits),
            ),
          );
      }
      if (labelled(i, labels.length, every))
        root.appendChild(
          svg('text', { x: x + slot / 2, y: h - 6, 'text-anchor': 'middle', class: 'chart-label chart-date' }, label),
        );
    });
    return root;
  }

  function line(name, labels, values, max) {
    var w = 400,
      h = 180,
      left = 30,
      bottom = 22,
      top = 22;
    var slot = (w - left) / labels.length,
      ph = h - bottom - top,
      every = labelEvery(slot);
    var root = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': name });
    for (var g = 1; g <= max; g++) {
      var gy = h - bottom - (ph * g) / max;
      root.appendChild(
        svg('line', { x1: left, y1: gy, x2: w, y2: gy, class: 'chart-axis', 'stroke-dasharray': '2 3' }),
      );
      root.appendChild(svg('text', { x: left - 6, y: gy + 4, 'text-anchor': 'end', class: 'chart-label' }, g));
    }
    root.appendChild(svg('line', { x1: left, y1: h - bottom, x2: w, y2: h - bottom, class: 'chart-axis' }));
    var pts = [];
    labels.forEach(function (label, i) {
      var x = left + i * slot + slot / 2;
      if (labelled(i, labels.length, every))
        root.appendChild(
          svg('text', { x: x, y: h - 6, 'text-anchor': 'middle', class: 'chart-label chart-date' }, label),
        );
      var v = values[i];
      if (v === null || v === undefined) return;
      var y = h - bottom - (ph * v) / max;
      pts.push(x.toFixed(1) + ',' + y.toFixed(1));
      var dot = svg('circle', { cx: x, cy: y, r: 4, class: 'chart-dot' });
      dot.appendChild(svg('title', {}, label + '：' + v.toFixed(1) + ' 分'));
      root.appendChild(dot);
      root.appendChild(svg('text', { x: x, y: y - 8, 'text-anchor': 'middle', class: 'chart-label' }, v.toFixed(1)));
    });
    if (pts.length > 1)
      root.insertBefore(svg('polyline', { points: pts.join(' '), class: 'chart-line' }), root.firstChild);
    return root;
  }

  /** Fills the statistics grid: the WeChat account, then the figures of GET /api/agent/stats. */
  window.ConsoleStats = {
    render: function (grid, stats, wechat) {
      renderWechat(grid, wechat);
      renderStats(grid, stats);
    },
  };
})();
