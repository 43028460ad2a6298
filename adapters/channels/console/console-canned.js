// Canned replies: buttons under the transcript, and "/" typed at the start of the reply box opens a
// list filtered by what follows (↑ ↓ to choose, Enter or Tab to insert, Esc to close), as in
// Intercom or Chatwoot. The list is a listbox the reply box points into (aria-activedescendant); it
// shows every match without scrolling (the canned file is short, and a scrolling list would need a
// focus stop of its own).
(function () {
  'use strict';
  var el = window.ConsoleDom.el;
  var replies = [],
    shown = [],
    active = 0;
  var box, buttons, picker, onPick;

  function init(textarea, buttonRow, listbox, pick) {
    box = textarea;
    buttons = buttonRow;
    picker = listbox;
    onPick = pick;
    box.setAttribute('aria-controls', picker.id);
    box.addEventListener('input', update);
    box.addEventListener('blur', function () {
      setTimeout(close, 150);
    }); // a click on an option lands first
  }

  /** The conversation's replies (filled with its order); empty when the agent does not hold it. */
  function set(list) {
    replies = list || [];
    buttons.textContent = '';
    replies.forEach(function (c) {
      var b = el('button', null, c.title);
      b.type = 'button';
      b.title = c.text;
      b.addEventListener('click', function () {
        insert(c);
      });
      buttons.appendChild(b);
    });
    update();
  }

  function insert(c) {
    close();
    onPick(c.text);
  }

  function update() {
    var v = box.value;
    if (!replies.length || v.charAt(0) !== '/' || v.indexOf('\n') >= 0) return close();
    var q = v.slice(1).trim().toLowerCase();
    shown = replies.filter(function (c) {
      return (
        !q ||
        c.title.toLowerCase().indexOf(q) >= 0 ||
        c.id.toLowerCase().indexOf(q) >= 0 ||
        c.text.toLowerCase().indexOf(q) >= 0
      );
    });
    active = Math.min(active, Math.max(0, shown.length - 1));
    draw();
  }

  function draw() {
    picker.textContent = '';
    shown.forEach(function (c, i) {
      var li = el('li', 'picker__option' + (i === active ? ' picker__option--on' : ''));
      li.id = 'canned-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.appendChild(el('strong', null, c.title));
      li.appendChild(el('span', 'picker__text', c.text));
      li.addEventListener('mousedown', function (e) {
        e.preventDefault();
        insert(c);
      });
      picker.appendChild(li);
    });
    if (!shown.length) picker.appendChild(el('li', 'picker__none', '没有匹配的快捷回复'));
    picker.hidden = false;
    if (shown.length) box.setAttribute('aria-activedescendant', 'canned-option-' + active);
    else box.removeAttribute('aria-activedescendant');
  }

  function close() {
    if (!picker || picker.hidden) return;
    picker.hidden = true;
    picker.textContent = '';
    active = 0;
    box.removeAttribute('aria-activedescendant');
  }

  /** The reply box's keydown, before Enter sends: true when the picker took the key. */
  function key(e) {
    if (picker.hidden) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (shown.length) active = (active + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      draw();
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && shown.length) {
      insert(shown[active]);
    } else if (e.key === 'Escape') {
      close();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  }

  window.ConsoleCanned = { init: init, set: set, key: key, close: close };
})();
