// Getting an agent's attention: a short tone and a desktop notification when a customer newly waits
// for a person, and a count in the tab's title. The tone and notification can be muted; the choice
// is kept in this browser (localStorage).
(function () {
  'use strict';
  var KEY = 'simbot.console.alerts';
  var BASE_TITLE = document.title;
  var audio = null;

  function on() {
    try {
      return localStorage.getItem(KEY) !== 'off';
    } catch (e) {
      return true;
    }
  }

  /** Browsers show the permission prompt only from a click: until the agent has answered it, the button asks. */
  function mustAsk() {
    return on() && window.Notification && Notification.permission === 'default';
  }

  function show(button) {
    var enabled = on();
    button.setAttribute('aria-pressed', String(enabled));
    button.textContent = mustAsk() ? '提醒：开（允许桌面通知）' : enabled ? '提醒：开' : '提醒：关';
    button.title = enabled ? '新的转人工会响铃并弹出桌面通知；点击静音' : '已静音；点击开启响铃和桌面通知';
  }

  /** Wires the button: it asks for notifications while the browser has not been told, else mutes or unmutes. */
  function init(button) {
    show(button);
    button.addEventListener('click', function () {
      if (mustAsk()) {
        Notification.requestPermission()
          .catch(function () {
            /* declined */
          })
          .then(function () {
            show(button);
          });
        return;
      }
      try {
        localStorage.setItem(KEY, on() ? 'off' : 'on');
      } catch (e) {
        /* private mode: this page only */
      }
      show(button);
    });
  }

  /** Two short rising tones from Web Audio: no sound file to serve, nothing loaded up front. */
  function tone() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    audio = audio || new Ctx();
    [660, 880].forEach(function (hz, i) {
      var osc = audio.createOscillator(),
        gain = audio.createGain();
      var t0 = audio.currentTime + i * 0.16;
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.15, t0);
      gain.gain.exponentialRampToValueAtTime(0.001, t0 + 0.15);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0);
      osc.stop(t0 + 0.15);
    });
  }

  /** A customer newly waits: `body` says who and why. Clicking the notification brings the console forward. */
  function escalation(body, onClick) {
    if (!on()) return;
    tone();
    if (window.Notification && Notification.permission === 'granted') {
      var n = new Notification('新的转人工', { body: body, tag: 'simbot-escalation', lang: 'zh-CN' });
      n.onclick = function () {
        window.focus();
        onClick();
        n.close();
      };
    }
  }

  /** "(3) 客服工作台": unread customer messages in my chats plus customers waiting. */
  function count(n) {
    document.title = (n > 0 ? '(' + (n > 99 ? '99+' : n) + ') ' : '') + BASE_TITLE;
  }

  window.ConsoleAlerts = { init: init, escalation: escalation, count: count };
})();
