// The text gateway's page, in the spirit of async_chat's: it sends "login <name>" once the socket
// opens, takes a reply containing "login to chat" as logged in, asks "/userlist" after every reply
// to keep the target list fresh, and sends "msgall <text>" or "msg <user> <text>", and "logout".
// Replies are HTML-escaped by the server (async_chat's own page used innerHTML); this page decodes
// them and only ever sets textContent.
(() => {
  'use strict';

  const ru = (navigator.language || '').toLowerCase().startsWith('ru');
  const words = ru ? {
    title: 'Текстовый чат', about: 'Комната async_chat этого сервера Hallway: все из Лобби — в telnet, здесь и в веб-приложении.',
    name: 'Имя', password: 'Пароль (только для учётных записей)', join: 'Войти', to: 'Кому', message: 'Сообщение',
    send: 'Отправить', leave: 'Выйти', raw: 'Команды протокола', run: 'Выполнить', everyone: 'Всем', closed: 'Соединение закрыто.',
  } : {
    title: 'Text chat', about: 'The async_chat room of this Hallway server: everyone in the Lobby, on telnet, here and in the web app.',
    name: 'Name', password: 'Password (accounts only)', join: 'Join', to: 'To', message: 'Message',
    send: 'Send', leave: 'Leave', raw: 'Protocol commands', run: 'Run', everyone: 'Everyone', closed: 'Connection closed.',
  };
  document.documentElement.lang = ru ? 'ru' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = words[el.dataset.i18n]; });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = words[el.dataset.i18nPlaceholder]; });

  const $ = (id) => document.getElementById(id);
  const log = $('log');
  const join = $('join');
  const say = $('say');
  const target = $('target');
  let socket = null;
  let me = '';
  let loggedIn = false;

  const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  const decode = (text) => text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => entities[m]);

  function show(text) {
    const line = document.createElement('div');
    line.textContent = text;
    if (text.startsWith('[SYSTEM INFO]')) line.className = 'system';
    else if (text.startsWith('[ERROR]')) line.className = 'error';
    else if (text.includes('][->][')) line.className = 'private';
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(line);
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  function fillTargets(names) {
    const chosen = target.value;
    target.replaceChildren(new Option(words.everyone, ''));
    for (const name of names) {
      if (name !== me) target.append(new Option(name, name));
    }
    target.value = [...target.options].some((o) => o.value === chosen) ? chosen : '';
  }

  function send(command) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(command);
  }

  const loginCommand = (name, password) => (password ? `login ${name} ${password}` : `login ${name}`);

  function connect(name, password) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${location.host}/text`);
    socket.onopen = () => send(loginCommand(name, password));
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame.action === 'list' && Array.isArray(frame.message)) {
        fillTargets(frame.message);
        return;
      }
      const text = decode(String(frame.message ?? ''));
      show(text);
      if (!loggedIn && text.includes('login to chat')) {
        loggedIn = true;
        join.hidden = true;
        say.hidden = false;
        $('text').focus();
      }
      if (loggedIn) send('/userlist');
    };
    socket.onclose = () => {
      show(words.closed);
      loggedIn = false;
      socket = null;
      join.hidden = false;
      say.hidden = true;
    };
  }

  join.addEventListener('submit', (event) => {
    event.preventDefault();
    me = $('name').value.trim();
    if (!me) return;
    const password = $('password').value;
    $('password').value = '';
    // After a refused login (name taken, wrong password) the socket is still open: try again on it.
    if (socket && socket.readyState === WebSocket.OPEN) send(loginCommand(me, password));
    else if (!socket) connect(me, password);
  });

  say.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('text');
    const text = input.value.replace(/\s+/g, ' ').trim();
    if (!text) return;
    send(target.value ? `msg ${target.value} ${text}` : `msgall ${text}`);
    input.value = '';
  });

  $('leave').addEventListener('click', () => send('logout'));

  $('raw').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('command');
    if (!input.value) return;
    if (!socket) {
      const match = /^login (\S+)/.exec(input.value);
      if (match) me = match[1];
      const command = input.value;
      connect('', '');
      socket.onopen = () => send(command);
    } else {
      send(input.value);
    }
    input.value = '';
  });
})();
