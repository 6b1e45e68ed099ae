// faceattr gallery: attribute chips (click: include, again: exclude, again: off) with facet counts, a probability
// slider, a grid of thumbnails with the face boxes, and a detail view with each face's attributes as bars.
// Talks only to this server's /search and /images API; a bearer token (search.token) is asked once and kept for
// the tab.
(function () {
  'use strict';
  const state = { include: [], exclude: [], cursor: null, attributes: [], asked: 0 };
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem('faceattr.token');

  async function api(path) {
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    const r = await fetch(path, { headers });
    if (r.status === 401) {
      token = prompt('This faceattr requires its search token (search.token):');
      if (token) {
        sessionStorage.setItem('faceattr.token', token);
        return api(path);
      }
    }
    return r;
  }

  // The filter and the open image live in the address (#present=A,B&absent=C&minProbability=0.7&image=ID), so a
  // search can be bookmarked.
  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    state.include = (h.get('present') || '').split(',').filter(Boolean);
    state.exclude = (h.get('absent') || '').split(',').filter(Boolean);
    state.image = h.get('image');
    if (h.get('minProbability')) {
      $('use-probability').checked = true;
      $('probability').disabled = false;
      $('probability').value = h.get('minProbability');
      $('probability-value').textContent = Number($('probability').value).toFixed(2);
    }
  }

  function writeHash() {
    const h = new URLSearchParams();
    if (state.include.length) h.set('present', state.include.join(','));
    if (state.exclude.length) h.set('absent', state.exclude.join(','));
    if ($('use-probability').checked) h.set('minProbability', $('probability').value);
    if (state.image) h.set('image', state.image);
    history.replaceState(null, '', '#' + h.toString());
  }

  function query(cursor) {
    const p = new URLSearchParams();
    if (state.include.length) p.set('present', state.include.join(','));
    if (state.exclude.length) p.set('absent', state.exclude.join(','));
    if ($('use-probability').checked) p.set('minProbability', $('probability').value);
    p.set('limit', '60');
    if (cursor) p.set('cursor', cursor);
    return '/search?' + p.toString();
  }

  async function search(append) {
    const asked = ++state.asked;
    if (!append) writeHash();
    const r = await api(query(append ? state.cursor : null));
    const body = await r.json();
    if (asked !== state.asked) return; // a newer search was started meanwhile
    if (!r.ok) {
      showError(body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + r.status);
      return;
    }
    $('error').hidden = true;
    if (!state.attributes.length) state.attributes = Object.keys(body.facets);
    renderChips(body.facets);
    if (!append) $('grid').replaceChildren();
    body.hits.forEach((hit) => $('grid').appendChild(card(hit)));
    state.cursor = body.nextCursor;
    $('more').hidden = !body.nextCursor;
    $('summary').textContent = body.total + (body.total === 1 ? ' image' : ' images');
    document.body.dataset.total = body.total;
    document.body.dataset.loaded = String(Date.now());
  }

  function showError(text) {
    $('error').textContent = text;
    $('error').hidden = false;
  }

  function renderChips(facets) {
    const nav = $('chips');
    nav.replaceChildren();
    state.attributes.forEach((name) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'chip' + (state.include.includes(name) ? ' include' : state.exclude.includes(name) ? ' exclude' : '');
      b.dataset.attribute = name;
      b.textContent = name.replace(/_/g, ' ');
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = facets[name] === undefined ? '' : facets[name];
      b.appendChild(count);
      b.addEventListener('click', () => cycle(name));
      nav.appendChild(b);
    });
  }

  function cycle(name) {
    if (state.include.includes(name)) {
      state.include = state.include.filter((n) => n !== name);
      state.exclude.push(name);
    } else if (state.exclude.includes(name)) {
      state.exclude = state.exclude.filter((n) => n !== name);
    } else {
      state.include.push(name);
    }
    search(false);
  }

  function frame(hit) {
    const f = document.createElement('div');
    f.className = 'frame';
    f.style.aspectRatio = hit.imageWidth + ' / ' + hit.imageHeight;
    const img = document.createElement('img');
    img.alt = hit.imageId;
    loadThumbnail(hit.imageId, img);
    f.appendChild(img);
    hit.faces.forEach((face, i) => {
      const box = document.createElement('div');
      box.className = 'face-box';
      box.style.left = (face.box.left * 100) + '%';
      box.style.top = (face.box.top * 100) + '%';
      box.style.width = (face.box.relWidth * 100) + '%';
      box.style.height = (face.box.relHeight * 100) + '%';
      const label = document.createElement('span');
      label.textContent = String(i + 1);
      box.appendChild(label);
      f.appendChild(box);
    });
    return f;
  }

  async function loadThumbnail(id, img) {
    const r = await api('/images/' + encodeURIComponent(id) + '/thumbnail');
    if (r.ok) {
      img.src = URL.createObjectURL(await r.blob());
    } else {
      img.remove(); // no thumbnail (URI image that could not be read, or thumbnails off): the grey frame stays
    }
  }

  function card(hit) {
    const c = document.createElement('div');
    c.className = 'card';
    c.dataset.imageId = hit.imageId;
    c.appendChild(frame(hit));
    const caption = document.createElement('div');
    caption.className = 'caption';
    caption.innerHTML = '<span></span><span></span>';
    caption.children[0].textContent = hit.imageId;
    caption.children[1].textContent = hit.faces.length + (hit.faces.length === 1 ? ' face' : ' faces');
    c.appendChild(caption);
    c.addEventListener('click', () => detail(hit.imageId));
    return c;
  }

  async function detail(id) {
    const r = await api('/images/' + encodeURIComponent(id));
    const record = await r.json();
    if (!r.ok) {
      showError(record.error.code + ': ' + record.error.message);
      return;
    }
    $('detail').hidden = false;
    $('detail').dataset.imageId = id;
    state.image = id;
    writeHash();
    $('detail-title').textContent = id;
    $('detail-image').replaceWith(Object.assign(frame(record), { id: 'detail-image' }));
    $('detail-meta').textContent = record.imageWidth + '×' + record.imageHeight + ' · ' + (record.source || 'no source')
        + ' · model ' + record.modelVersion + ' · ' + record.processedAt;
    const faces = $('detail-faces');
    faces.replaceChildren();
    record.faces.forEach((face, i) => {
      const section = document.createElement('div');
      section.className = 'face';
      const h = document.createElement('h3');
      h.textContent = 'Face ' + (i + 1) + ' (localization ' + face.localizationScore.toFixed(2) + ')';
      section.appendChild(h);
      face.attributes.slice().sort((x, y) => y.probability - x.probability).forEach((a) => {
        const bar = document.createElement('div');
        bar.className = 'bar' + (a.present ? ' present' : '');
        bar.dataset.attribute = a.name;
        bar.innerHTML = '<span class="name"></span><span class="track"><span class="fill"></span></span><span></span>';
        bar.children[0].textContent = a.name.replace(/_/g, ' ');
        bar.querySelector('.fill').style.width = (a.probability * 100) + '%';
        bar.children[2].textContent = a.probability.toFixed(2);
        section.appendChild(bar);
      });
      faces.appendChild(section);
    });
  }

  $('use-probability').addEventListener('change', (e) => {
    $('probability').disabled = !e.target.checked;
    search(false);
  });
  $('probability').addEventListener('input', (e) => {
    $('probability-value').textContent = Number(e.target.value).toFixed(2);
  });
  $('probability').addEventListener('change', () => search(false));
  $('more').addEventListener('click', () => search(true));
  $('clear').addEventListener('click', () => {
    state.include = [];
    state.exclude = [];
    search(false);
  });
  $('close-detail').addEventListener('click', () => {
    $('detail').hidden = true;
    state.image = null;
    writeHash();
  });
  readHash();
  search(false).then(() => { if (state.image) detail(state.image); });
})();
