// How one message looks: a bubble with its text, links as tappable cards, who wrote it (agents by
// name) and when. Text only ever goes in through textContent; a link's href is only http(s), and
// only the bot's and agents' links become links (a customer's pasted address stays text).
(function () {
  'use strict';
  var URL_RE = /https?:\/\/[^\s<>"'，。；！？、）】]+/g;
  var TRAILING = /[.,;:!?)\]]+$/;

  /** Appends `text` to `parent`, each web address as its own link card (it never breaks mid-address). */
  function withLinks(parent, text, openLabel) {
    var last = 0;
    text.replace(URL_RE, function (raw, at) {
      var url = raw.replace(TRAILING, '');
      if (at > last) parent.appendChild(document.createTextNode(text.slice(last, at)));
      var a = document.createElement('a');
      a.className = 'msg__link';
      a.href = url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      var label = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
      a.textContent = label;
      a.title = openLabel + ': ' + url;
      parent.appendChild(a);
      last = at + url.length;
      if (text.charAt(last) === '\n') last++; // the card already ends its line
      return raw;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** A message frame as a list item; `t` is the page's words, `when` formats its time. */
  function bubble(f, t, when) {
    var li = document.createElement('li');
    li.className = 'msg msg--' + f.from;
    li.dataset.seq = String(f.seq);
    if (f.from === 'agent') {
      var who = document.createElement('span');
      who.className = 'msg__who';
      who.textContent = f.author || t.agent;
      if (!f.author) who.dataset.default = '1'; // re-worded when the page changes language
      li.appendChild(who);
    }
    var body = document.createElement('span');
    body.className = 'msg__text';
    if (f.from === 'customer') body.textContent = f.text;
    else withLinks(body, f.text, t.open);
    li.appendChild(body);
    if (f.at) {
      var time = document.createElement('time');
      time.className = 'msg__time';
      time.dateTime = f.at;
      time.textContent = when(f.at);
      li.appendChild(time);
    }
    return li;
  }

  window.ChatRender = { bubble: bubble };
})();
