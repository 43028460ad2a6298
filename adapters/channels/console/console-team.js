// A supervisor's view of the team: each agent (online, away, or signed out but still holding chats)
// with the conversations they hold; a line opens the conversation.
(function () {
  'use strict';
  var el = window.ConsoleDom.el;
  var T = window.ConsoleText;

  function render(grid, agents, currentId, onOpen) {
    grid.textContent = '';
    agents.forEach(function (a) {
      var card = el('section', 'card team__agent');
      card.dataset.agentId = a.id;
      var h = el('h3', null, a.name);
      h.appendChild(el('span', 'presence presence--' + a.status, T.PRESENCE[a.status] || a.status));
      card.appendChild(h);
      card.appendChild(el('p', 'muted', a.conversations.length + ' 个进行中的会话'));
      var ul = el('ul', 'list');
      window.ConsoleLists.render(ul, a.conversations, {
        kind: 'history',
        current: currentId,
        unread: {},
        onOpen: onOpen,
      });
      card.appendChild(ul);
      grid.appendChild(card);
    });
  }

  window.ConsoleTeam = { render: render };
})();
