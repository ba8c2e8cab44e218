// Enhances the server-rendered discussion: inline reply, quote-reply, likes without a
// reload, live "new comments" over SSE, edit/delete of one's own fresh comments, and
// remembered name and e-mail. Everything works without this file through plain forms.
(() => {
  const root = document.querySelector('.discussion');
  if (!root) return;
  const slug = root.dataset.slug;
  const de = document.documentElement.lang !== 'en';
  // Plurals by the language's own rules (Intl.PluralRules), as the server's catalogue does.
  const plural = new Intl.PluralRules(de ? 'de-DE' : 'en-GB');
  const count = (n, one, other) => `${n.toLocaleString(de ? 'de-DE' : 'en-GB')} ${plural.select(n) === 'one' ? one : other}`;
  const say = {
    quote: de ? 'Zitieren' : 'Quote',
    wrote: de ? 'schrieb' : 'wrote',
    newComments: (n) => (de ? `${count(n, 'neuer Kommentar', 'neue Kommentare')} – anzeigen` : `${count(n, 'new comment', 'new comments')} – show`),
    comments: (n) => count(n, de ? 'Kommentar' : 'comment', de ? 'Kommentare' : 'comments'),
    likes: (n) => (de ? `${count(n, 'Person gefällt', 'Personen gefällt')} das` : count(n, 'person likes this', 'people like this')),
    cancel: de ? 'Abbrechen' : 'Cancel',
    edit: de ? 'Bearbeiten' : 'Edit',
    del: de ? 'Löschen' : 'Delete',
    save: de ? 'Speichern' : 'Save',
    confirmDelete: de ? 'Diesen Kommentar wirklich löschen?' : 'Really delete this comment?',
    failed: de ? 'Das hat nicht geklappt: ' : 'That did not work: ',
  };
  const token = () => document.querySelector('meta[name="csrf-token"]')?.content || '';
  // An anonymous visitor's first write (a like) starts a session, and from then on the
  // server wants the token bound to that session, not the anonymous one in this page.
  // Before the next write, fetch the page again (now sent with the visitor's own token).
  let tokenStale = false;
  let tokenFresh = false;
  const refreshToken = async () => {
    if (!tokenStale) return;
    try {
      const res = await fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' });
      const match = /<meta name="csrf-token" content="([\w-]+)">/.exec(await res.text());
      if (!match) return;
      document.querySelector('meta[name="csrf-token"]').content = match[1];
      for (const input of document.querySelectorAll('input[name="_csrf"]')) input.value = match[1];
      tokenStale = false;
      tokenFresh = true;
    } catch {}
  };
  const api = async (method, url, body) => {
    await refreshToken();
    const headers = { 'x-csrf-token': token(), accept: 'application/json' };
    // Fastify answers 400 to a JSON content type with an empty body (likes, deletes).
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText);
    if (!tokenFresh) tokenStale = true;
    return data;
  };
  const form = document.getElementById('comment-form');
  const home = form && form.parentNode;
  const homeNext = form && form.nextSibling;
  const textarea = form && form.querySelector('textarea');

  // Remembered name and e-mail (a first-party cookie the reader's own browser keeps).
  if (form) {
    const saved = document.cookie.split('; ').find((c) => c.startsWith('bw_guest='));
    if (saved) {
      try {
        const { n, e } = JSON.parse(decodeURIComponent(saved.slice(9)));
        if (n && !form.elements.name.value) form.elements.name.value = n;
        if (e && !form.email.value) form.email.value = e;
      } catch {}
    }
    form.addEventListener('submit', (event) => {
      // readers: no guest fields when only accounts may comment or the reader is signed in.
      if (form.email) {
        const value = encodeURIComponent(JSON.stringify({ n: form.elements.name.value, e: form.email.value }));
        document.cookie = `bw_guest=${value}; path=/; max-age=31536000; samesite=lax`;
      }
      if (!tokenStale) return;
      event.preventDefault();
      refreshToken().then(() => form.submit());
    });
  }

  // Inline reply: the one form moves under the comment being answered.
  const setParent = (id) => {
    let input = form.querySelector('input[name="parentId"]');
    if (!id) return input && input.remove();
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'parentId';
      form.prepend(input);
    }
    input.value = id;
  };
  // "Antwort an NAME" over the form while it answers someone, and a button to stop.
  const title = form && form.querySelector('.comment-form-title');
  let cancel = form && form.querySelector('.cancel-reply');
  const replyTo = (item) => {
    item.querySelector('.comment-body').after(form);
    setParent(item.dataset.id);
    const name = item.querySelector('.comment-author');
    if (title && title.dataset.replyTitle) title.textContent = title.dataset.replyTitle.replace('{name}', name ? name.textContent : '');
    if (!cancel) {
      cancel = Object.assign(document.createElement('button'), { type: 'button', className: 'cancel-reply button-secondary', textContent: say.cancel });
      form.querySelector('.form-actions').append(' ', cancel);
    }
  };
  const stopReply = () => {
    setParent(null);
    home.insertBefore(form, homeNext);
    if (title && title.dataset.title) title.textContent = title.dataset.title;
    if (cancel) cancel.remove();
    cancel = null;
  };
  root.addEventListener('click', (event) => {
    if (form && event.target.closest('.cancel-reply')) {
      event.preventDefault();
      const item = form.closest('.comment');
      stopReply();
      if (item) item.querySelector('.reply-link, .comment-author').focus?.();
      return;
    }
    const link = event.target.closest('[data-reply]');
    if (!link || !form) return;
    event.preventDefault();
    replyTo(document.getElementById(`comment-${link.dataset.reply}`));
    textarea.focus();
  });
  if (form) form.addEventListener('reset', stopReply);

  // The "⋯" menus: one open at a time, closed by Escape or a click elsewhere.
  const closeMenus = (except) => {
    for (const menu of root.querySelectorAll('.comment-menu[open]')) if (menu !== except) menu.open = false;
  };
  root.addEventListener('toggle', (event) => {
    if (event.target.matches && event.target.matches('.comment-menu') && event.target.open) closeMenus(event.target);
  }, true);
  document.addEventListener('click', (event) => {
    if (!event.target.closest('.comment-menu')) closeMenus(null);
  });
  document.addEventListener('keydown', (event) => {
    const open = event.key === 'Escape' && root.querySelector('.comment-menu[open]');
    if (!open) return;
    open.open = false;
    open.querySelector('summary').focus();
  });

  // Quote-reply: select text in a comment or the article, then "Quote".
  const quoteButton = document.createElement('button');
  quoteButton.type = 'button';
  quoteButton.className = 'quote-button';
  quoteButton.textContent = say.quote;
  quoteButton.hidden = true;
  document.body.append(quoteButton);
  let pendingQuote = null;
  document.addEventListener('selectionchange', () => {
    const selection = document.getSelection();
    const text = selection && selection.toString().trim();
    const node = selection && selection.anchorNode && (selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement);
    const scope = node && node.closest('.comment-text, .article-body');
    if (!form || !text || !scope) {
      quoteButton.hidden = true;
      return;
    }
    const comment = scope.closest('.comment');
    pendingQuote = { text, comment };
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    quoteButton.style.top = `${window.scrollY + rect.bottom + 6}px`;
    quoteButton.style.left = `${window.scrollX + rect.left}px`;
    quoteButton.hidden = false;
  });
  quoteButton.addEventListener('mousedown', (event) => event.preventDefault());
  quoteButton.addEventListener('click', () => {
    if (!pendingQuote) return;
    const { text, comment } = pendingQuote;
    const author = comment && comment.querySelector('.comment-author');
    const lines = text.split(/\r?\n/).map((line) => `> ${line}`).join('\n');
    const attribution = author ? `**${author.textContent}** ${say.wrote}:\n` : '';
    if (comment) replyTo(comment);
    textarea.value = `${textarea.value ? `${textarea.value}\n\n` : ''}${attribution}${lines}\n\n`;
    textarea.focus();
    quoteButton.hidden = true;
  });

  // Likes without leaving the page, taken back with a second press. The page is shared and
  // cached, so what this browser liked is remembered here and shown again after a reload.
  const LIKED = 'bw_liked';
  const liked = new Set();
  try {
    for (const id of JSON.parse(localStorage.getItem(LIKED) || '[]')) liked.add(String(id));
  } catch {}
  const showLike = (button, on, likes) => {
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    // The name stays 'like' with the count the eye sees in it; aria-pressed says whether it is on.
    if (likes !== undefined) {
      button.querySelector('.like-count').textContent = likes;
      button.title = say.likes(Number(likes));
    }
  };
  const markLiked = (scope) => {
    for (const button of scope.querySelectorAll('.like-button')) {
      const item = button.closest('.comment');
      if (item && liked.has(item.dataset.id)) showLike(button, true);
    }
  };
  markLiked(root);
  root.addEventListener('submit', async (event) => {
    const likeForm = event.target.closest('.like-form');
    if (!likeForm) return;
    event.preventDefault();
    const id = likeForm.closest('.comment').dataset.id;
    const button = likeForm.querySelector('button');
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.disabled = true;
    try {
      const { likes } = await api(on ? 'POST' : 'DELETE', `/api/v1/comments/${id}/like`);
      showLike(button, on, likes);
      if (on) liked.add(id);
      else liked.delete(id);
      try {
        localStorage.setItem(LIKED, JSON.stringify([...liked].slice(-500)));
      } catch {}
    } catch (error) {
      alert(say.failed + error.message);
    }
    button.disabled = false;
  });

  // Own comments: editable and deletable for 15 minutes after posting.
  const MINE = 'bw_my_comments';
  const mine = () => {
    try {
      return JSON.parse(localStorage.getItem(MINE) || '{}');
    } catch {
      return {};
    }
  };
  const posted = /[?&]posted=1/.test(location.search) && /^#comment-(\d+)$/.exec(location.hash);
  if (posted) {
    const list = mine();
    list[posted[1]] = Date.now();
    localStorage.setItem(MINE, JSON.stringify(list));
  }
  for (const [id, at] of Object.entries(mine())) {
    const item = document.getElementById(`comment-${id}`);
    if (!item || Date.now() - at > 15 * 60 * 1000) continue;
    const actions = item.querySelector('.comment-actions');
    const edit = Object.assign(document.createElement('button'), { type: 'button', className: 'link-button', textContent: say.edit });
    const del = Object.assign(document.createElement('button'), { type: 'button', className: 'link-button', textContent: say.del });
    actions.append(edit, del);
    edit.addEventListener('click', () => {
      const text = item.querySelector('.comment-text');
      const area = Object.assign(document.createElement('textarea'), { rows: 5, value: text.innerText });
      const save = Object.assign(document.createElement('button'), { type: 'button', textContent: say.save });
      text.replaceChildren(area, save);
      save.addEventListener('click', async () => {
        try {
          const result = await api('PATCH', `/api/v1/comments/${id}`, { body: area.value });
          text.innerHTML = result.html;
        } catch (error) {
          alert(say.failed + error.message);
        }
      });
    });
    del.addEventListener('click', async () => {
      if (!confirm(say.confirmDelete)) return;
      try {
        await api('DELETE', `/api/v1/comments/${id}`);
        item.querySelector('.comment-body').textContent = '';
      } catch (error) {
        alert(say.failed + error.message);
      }
    });
  }

  // A permalink to a comment that is not on this page of the discussion: the permalink
  // route knows its page. A reply nested deeper than the article page shows is on none of
  // them, so after one round trip it opens on its own thread page instead of looping.
  const target = /^#comment-(\d+)$/.exec(location.hash);
  const TRIED = 'bw_permalink';
  if (target && !document.getElementById(`comment-${target[1]}`)) {
    const id = target[1];
    let tried = true; // without storage, go straight to the thread page rather than risk a loop
    try {
      tried = sessionStorage.getItem(TRIED) === id;
      if (tried) sessionStorage.removeItem(TRIED);
      else sessionStorage.setItem(TRIED, id);
    } catch {}
    location.replace(tried ? `/${slug}/thread/${id}/#comment-${id}` : `/${slug}/comment/${id}/`);
  } else if (target) {
    try {
      sessionStorage.removeItem(TRIED);
    } catch {}
  }

  // Live: new comments arrive over SSE and wait behind a button, so nothing jumps.
  const status = root.querySelector('.live-status');
  const waiting = [];
  const showWaiting = () => {
    status.hidden = waiting.length === 0;
    status.replaceChildren();
    if (!waiting.length) return;
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'link-button new-comments',
      textContent: say.newComments(waiting.length),
    });
    button.addEventListener('click', () => {
      let first = null;
      let list = root.querySelector('.comment-list');
      if (!list) {
        list = document.createElement('ol');
        list.className = 'comment-list';
        root.querySelector('.comment-count').after(list);
      }
      for (const { parentId, html } of waiting.splice(0)) {
        const parent = parentId && document.getElementById(`comment-${parentId}`);
        let container = list;
        if (parent) {
          container = parent.querySelector(':scope > .comment-replies');
          if (!container) {
            container = document.createElement('ol');
            container.className = 'comment-replies';
            parent.append(container);
          }
        }
        container.insertAdjacentHTML('beforeend', html);
        container.lastElementChild.classList.add('comment-new');
        markLiked(container.lastElementChild);
        if (!first) first = container.lastElementChild;
      }
      showWaiting();
      // The reader is taken to what arrived, wherever they were reading.
      if (first) {
        first.scrollIntoView({ block: 'center' });
        first.setAttribute('tabindex', '-1');
        first.focus({ preventScroll: true });
      }
    });
    status.append(button);
  };
  if ('EventSource' in window && slug) {
    const stream = new EventSource(`/api/v1/articles/${slug}/comments/stream`);
    // The count near the top follows the live comments, as the server would render it.
    const counts = document.querySelectorAll('.discussion .comment-count, .byline-comments');
    const bump = () => {
      for (const count of counts) count.textContent = say.comments((parseInt(count.textContent.replace(/\D/g, ''), 10) || 0) + 1);
    };
    const threadPage = root.classList.contains('thread-page');
    stream.addEventListener('comment', (event) => {
      const data = JSON.parse(event.data);
      if (document.getElementById(`comment-${data.id}`) || waiting.some((w) => w.id === data.id)) return;
      // A thread page shows one conversation: only answers within it.
      if (threadPage && !(data.parentId && document.getElementById(`comment-${data.parentId}`))) return;
      bump();
      waiting.push(data);
      showWaiting();
    });
    stream.addEventListener('update', (event) => {
      const data = JSON.parse(event.data);
      const item = document.getElementById(`comment-${data.id}`);
      if (item && data.status !== 'published') item.classList.add('comment-gone');
    });
    stream.addEventListener('likes', (event) => {
      const data = JSON.parse(event.data);
      const count = document.querySelector(`#comment-${data.id} > .comment-body .like-count`);
      if (count) count.textContent = data.likes;
    });
  }

  // --- readers (src/discussion/readers): "signed in as", muting, "more comments" ---
  // The page is shared by every visitor, so what is personal comes from /api/v1/me
  // (asked only when the sign-in left its marker cookie) or, for guests, localStorage.
  const rd = {
    signedIn: de ? 'Angemeldet als' : 'Signed in as',
    signOut: de ? 'Abmelden' : 'Sign out',
    mute: de ? 'Stummschalten' : 'Mute',
    unmute: de ? 'Wieder anzeigen' : 'Unmute',
    muted: de ? 'Kommentar einer stummgeschalteten Person.' : 'Comment by a muted commenter.',
    more: de ? 'Weitere Kommentare laden' : 'Load more comments',
  };
  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const MUTED = 'bw_muted';
  const me = { reader: null, muted: [] };
  const guestList = () => {
    try {
      me.muted = JSON.parse(localStorage.getItem(MUTED) || '[]');
    } catch {}
  };
  const account = /(?:^|; )bw_acct=1/.test(document.cookie);
  if (!account) guestList();
  // A reader's list and own key arrive from /api/v1/me; until then nothing is offered.
  let ready = !account;
  const applyMutes = () => {
    if (!ready) return;
    const muted = new Set(me.muted);
    for (const item of root.querySelectorAll('.comment[data-author-key]')) {
      const key = item.dataset.authorKey;
      const body = item.querySelector(':scope > .comment-body');
      const actions = body && body.querySelector(':scope > .comment-actions');
      if (!actions) continue;
      const own = me.reader && key === me.reader.key;
      const menu = actions.querySelector('.comment-menu-list') || actions;
      const button = menu.querySelector('.mute-button');
      if (own && button) button.remove();
      else if (!own && !button) menu.append(el('button', { type: 'button', className: 'link-button mute-button', textContent: rd.mute }));
      const note = body.querySelector(':scope > .comment-muted');
      if (muted.has(key) === !!note) continue;
      // style, not `hidden`: the actions bar is display:flex, which would win over [hidden].
      for (const part of body.querySelectorAll(':scope > .comment-text, :scope > .comment-actions')) part.style.display = note ? '' : 'none';
      if (note) note.remove();
      else body.append(el('p', { className: 'comment-muted' }, `${rd.muted} `, el('button', { type: 'button', className: 'link-button unmute-button', textContent: rd.unmute })));
    }
  };
  const setMuted = async (key, on) => {
    if (me.reader) {
      me.muted = (await (on ? api('POST', '/api/v1/me/mute', { key }) : api('DELETE', `/api/v1/me/mute/${key}`))).muted;
    } else {
      me.muted = on ? [...new Set([...me.muted, key])] : me.muted.filter((k) => k !== key);
      try {
        localStorage.setItem(MUTED, JSON.stringify(me.muted));
      } catch {}
    }
    applyMutes();
  };
  root.addEventListener('click', (event) => {
    const button = event.target.closest('.mute-button, .unmute-button');
    if (!button) return;
    closeMenus(null);
    setMuted(button.closest('.comment').dataset.authorKey, button.classList.contains('mute-button')).catch((error) => alert(say.failed + error.message));
  });
  // Comments that arrive later (live, "more comments") get the same treatment.
  new MutationObserver((changes) => {
    if (changes.some((c) => [...c.addedNodes].some((n) => n.nodeType === 1 && n.matches('.comment')))) applyMutes();
  }).observe(root, { childList: true, subtree: true });
  applyMutes();

  const signedIn = (name) => {
    if (!form) return;
    // The account is the name: the guest fields go (signing out reloads the page).
    const row = form.querySelector('.field-row');
    if (row) row.remove();
    let who = form.querySelector('.comment-identity');
    if (!who) textarea.closest('.field').before((who = el('p', { className: 'comment-identity' })));
    const out = el('button', { type: 'button', className: 'link-button', textContent: rd.signOut });
    out.addEventListener('click', () => api('POST', '/account/logout/').then(() => location.reload(), (error) => alert(say.failed + error.message)));
    who.replaceChildren(`${rd.signedIn} `, el('strong', { textContent: name }), ' · ', out);
  };
  if (account) {
    fetch('/api/v1/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((data) => {
        if (data && data.reader) {
          me.reader = data.reader;
          me.muted = data.muted;
          signedIn(data.reader.name);
        } else {
          // Signed out elsewhere or expired: a guest again, with the browser's own list.
          document.cookie = 'bw_acct=; path=/; max-age=0';
          guestList();
        }
        ready = true;
        applyMutes();
      })
      .catch(() => {});
  }

  // "More comments": the next page of threads appended in place; the page links stay
  // for visitors without script.
  const next = root.querySelector('.pagination [rel~="next"]');
  const list = root.querySelector('.comment-list');
  const pages = Number(root.dataset.pages);
  let page = Number(root.dataset.page);
  if (next && list && page < pages) {
    const more = el('button', { type: 'button', className: 'link-button more-comments', textContent: rd.more });
    next.replaceWith(more);
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const sort = root.dataset.sort;
        const res = await fetch(`/${slug}/comments/page/${page + 1}/${sort && sort !== 'oldest' ? `?sort=${sort}` : ''}`, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(res.statusText);
        const box = document.createElement('template');
        box.innerHTML = await res.text();
        for (const item of [...box.content.children]) if (!document.getElementById(item.id)) list.append(item);
        page += 1;
        const status = root.querySelector('.pagination-status');
        if (status) status.textContent = `${root.dataset.page}–${page} / ${pages}`;
        if (page >= pages) more.remove();
      } catch (error) {
        alert(say.failed + error.message);
      }
      more.disabled = false;
    });
  }
  // --- end readers ---
})();
