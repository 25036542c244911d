// Full-text search over the index veille builds under search/ (see THEMES.md, "Search").
// Fetches only what a query needs: meta.json, one dictionary shard per word, the postings
// chunks of the words' stems, the filter lists chosen, and the metadata of the results shown.
// Paths are relative to the page, so the site works under a subpath. No framework, no build;
// result text is put in the page with DOM APIs only (textContent), never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var base = form.dataset.index;
  var root = form.dataset.root;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var input = document.getElementById("search-q");
  var PAGE = 10;
  var PREFIX_FORMS = 20;
  var cache = {};
  var run = 0;

  // Latin letters NFD leaves whole, so that no accent can be dropped (ø in « Løvdahl », ł in
  // « Łódź », the ɓ ɗ ŋ ɛ ɔ of West African alphabets), spelled as deunicode spells them for the
  // index (src/site/render/search/tokenize.rs, whose tests check this table): spelling → letters.
  var SPELLED = {
    "'n": "ŉ", "2": "Ƨƨƻ", "3": "Ǝ", "5": "Ƽƽ", "6": "Ƅƅ", a: "Ⱥɐɑɒẚ", ae: "Ææ", b: "ƀƁƂƃɃɓʙ",
    c: "ƇƈȻȼɕʗ", d: "ÐðĐđƉƊƋƌƍȡɖɗẟ", db: "ȸ", dz: "ǄǅǆǱǲǳʣʤʥ", e: "ƐɆɇɘɛɜɝɞʚ", f: "Ƒƒɸ", fn: "ʩ",
    g: "ƓƔǤǥɠɡɢɣʛ", h: "Ħħɦɧʜʮʯ", hv: "ƕǶ", i: "ıƖƗɨɩɪ", ij: "Ĳĳ", j: "ȷɈɉɟʄʝ", k: "ĸƘƙʞ",
    l: "ĿŀŁłƚƛȴȽɫɬɭʟ", lj: "Ǉǈǉ", ll: "Ỻỻ", ls: "ʪ", lz: "ɮʫ", m: "ɱ", n: "ƝƞȠȵɲɳɴ", ng: "Ŋŋ",
    nj: "Ǌǋǌ", o: "ØøƆƟɔɵɷ", oe: "Œœɶ", oi: "Ƣƣ", ou: "Ȣȣ", p: "Ƥƥ", q: "Ɋɋʠ", qp: "ȹ",
    r: "Ɍɍɹɺɻɼɽɾɿʀʁ", s: "ſȿʂʃʅʆẜẝ", sh: "Ʃƪ", ss: "ßẞ", t: "ŦŧƫƬƭƮȶȾʇʈ", tc: "ʨ", th: "Þþ",
    ts: "ƾʦʧ", u: "Ʉɤʉʊ", v: "ƲʋỼỽ", w: "ƜƿǷɯɰʍ", ww: "ʬ", y: "ƱƳƴȜȝɎɏɥʎʏỾỿ", yr: "Ʀ",
    z: "ƵƶȤȥɀʐʑʒʓ", zh: "ƷƸƹƺ"
  };
  var LETTER = {};
  Object.keys(SPELLED).forEach(function (s) {
    Array.from(SPELLED[s]).forEach(function (c) { LETTER[c] = s; });
  });

  // Must match src/site/render/search/tokenize.rs: accents off, the letters above spelled out
  // (before lowercasing: deunicode spells « Ʀ » and « ʀ » apart), lowercase, separators → space.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x00-\x7f]/g, function (c) { return LETTER[c] || c; })
      .toLowerCase().replace(/[^a-z0-9]+/g, " ");
  }

  function get(path, binary) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return binary ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  // Reads `(varint delta, u8 score)` pairs: doc id → score.
  function postings(bytes, offset, length) {
    var out = [], i = offset, end = offset + length, doc = 0;
    while (i < end) {
      var n = 0, shift = 0, b;
      do { b = bytes[i++]; n += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b >= 0x80);
      doc += n;
      out.push([doc, bytes[i++]]);
    }
    return out;
  }

  // The documents of a membership list (the filter-list format below), ascending.
  function members(bytes, total) {
    var out = [];
    if (bytes[0] === 1) {
      for (var d = 0; d < total; d++) if ((bytes[1 + (d >> 3)] >> (d & 7)) & 1) out.push(d);
      return out;
    }
    var i = 1, doc = 0;
    while (i < bytes.length) {
      var n = 0, shift = 0, b;
      do { b = bytes[i++]; n += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b >= 0x80);
      doc += n;
      out.push(doc);
    }
    return out;
  }

  // A filter value's documents as a test: bitmap, or varint delta list.
  function filterTest(bytes) {
    if (bytes[0] === 1) return function (doc) { return (bytes[1 + (doc >> 3)] >> (doc & 7)) & 1; };
    var set = new Set(members(bytes, 0));
    return function (d) { return set.has(d); };
  }

  function shardOf(word, meta) {
    for (var n = Math.min(word.length, 4); n >= 2; n--) {
      if (meta.shardSet.has(word.slice(0, n))) return word.slice(0, n);
    }
    return null;
  }

  // One query word → the dictionary entries it stands for, and every form to mark.
  function lookup(word, prefix, meta) {
    var shard = shardOf(word, meta);
    if (!shard) return Promise.resolve({ locs: [], forms: [] });
    return get("w/" + shard + ".json").then(function (dict) {
      var words = dict.words, chosen = [];
      if (words[word]) chosen.push(word);
      if (prefix) {
        var extra = Object.keys(words).filter(function (w) { return w !== word && w.indexOf(word) === 0; });
        var df = function (w) { return words[w].reduce(function (s, l) { return s + l[3]; }, 0); };
        extra.sort(function (a, b) { return df(b) - df(a) || (a < b ? -1 : 1); });
        chosen = chosen.concat(extra.slice(0, PREFIX_FORMS));
      }
      var locs = {}, forms = [];
      chosen.forEach(function (w) { words[w].forEach(function (l) { locs[l[0] + ":" + l[1]] = l; }); });
      // Other forms of the same stems in this shard are hits too (« réfugié » for « réfugiés »).
      Object.keys(words).forEach(function (w) {
        if (words[w].some(function (l) { return locs[l[0] + ":" + l[1]]; })) forms.push(w);
      });
      return { locs: Object.keys(locs).map(function (k) { return locs[k]; }), forms: forms };
    });
  }

  // Doc id → score for one word: best of its stems, each weighted by its idf. A stem in more
  // documents than the build's cap lists its best ones with scores and all of them in a
  // membership list (entry items 5–7): the others score as the lowest listed one, so every
  // document with the word is found and AND stays exact.
  function scores(entry, meta) {
    var places = [];
    entry.locs.forEach(function (l) {
      places.push(l[0]);
      if (l.length > 4) places.push(l[4]);
    });
    return Promise.all(places.map(function (c) { return get("p/" + c + ".bin", true); }))
      .then(function (loaded) {
        var chunk = {};
        places.forEach(function (c, k) { chunk[c] = loaded[k]; });
        var out = new Map();
        var put = function (doc, s) { if (!(out.get(doc) >= s)) out.set(doc, s); };
        entry.locs.forEach(function (l) {
          var idf = Math.log(1 + (meta.docs - l[3] + 0.5) / (l[3] + 0.5));
          var list = postings(chunk[l[0]], l[1], l[2]), floor = 255;
          list.forEach(function (p) {
            floor = Math.min(floor, p[1]);
            put(p[0], idf * p[1] / 255);
          });
          if (l.length > 4) {
            var rest = idf * floor / 255;
            members(chunk[l[4]].subarray(l[5], l[5] + l[6]), meta.docs).forEach(function (doc) {
              if (!out.has(doc)) put(doc, rest);
            });
          }
        });
        return out;
      });
  }

  function loadMeta() {
    return get("meta.json").then(function (meta) {
      if (!meta.shardSet) {
        meta.shardSet = new Set(meta.shards);
        meta.stop = new Set(meta.stopwords);
      }
      return meta;
    });
  }

  function say(text) { status.textContent = text; }

  function search() {
    var id = ++run;
    var query = input.value;
    var chosen = [];
    meta_fields().forEach(function (f) {
      var select = form.elements[f];
      if (select && select.value) chosen.push([f, select.value]);
    });
    list.textContent = "";
    delete list.dataset.shown;
    more.hidden = true;
    // Every way a search ends sets data-shown (0 when nothing is listed): tests wait on it.
    var none = function () { if (id === run) list.dataset.shown = "0"; };
    if (!fold(query).trim()) { say(""); none(); return; }
    say(form.dataset.loading);
    loadMeta().then(function (meta) {
      var words = fold(query).split(" ").filter(function (w) {
        return w.length >= meta.min_len && w.length <= meta.max_len && !meta.stop.has(w);
      });
      if (!words.length) { say(form.dataset.none); none(); return; }
      // The last word is still being typed unless a space follows it: match it as a prefix.
      var typing = !/\s$/.test(query) && words[words.length - 1].length >= 3;
      var filters = chosen.map(function (c) {
        var field = meta.filters.find(function (f) { return f.field === c[0]; });
        var index = field ? field.values.findIndex(function (v) { return v.value === c[1]; }) : -1;
        return index < 0 ? Promise.resolve(function () { return false; })
          : get("f/" + c[0] + "/" + index + ".bin", true).then(filterTest);
      });
      var lookups = words.map(function (w, i) { return lookup(w, typing && i === words.length - 1, meta); });
      return Promise.all(lookups).then(function (entries) {
        return Promise.all([
          Promise.all(entries.map(function (e) { return scores(e, meta); })),
          Promise.all(filters),
        ]).then(function (loaded) {
          if (id !== run) return;
          var start = performance.now();
          var perWord = loaded[0], tests = loaded[1];
          var total = perWord[0];
          perWord.slice(1).forEach(function (m) {
            var next = new Map();
            total.forEach(function (s, doc) { if (m.has(doc)) next.set(doc, s + m.get(doc)); });
            total = next;
          });
          var hits = [];
          total.forEach(function (s, doc) {
            if (tests.every(function (t) { return t(doc); })) hits.push([doc, s]);
          });
          hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
          hits = onePerDispatch(hits, meta);
          list.dataset.elapsedMs = (performance.now() - start).toFixed(1);
          var forms = new Set();
          entries.forEach(function (e) { e.forms.forEach(function (f) { forms.add(f); }); });
          var noun = hits.length === 1 ? form.dataset.result : form.dataset.results;
          say(hits.length ? hits.length + " " + noun : form.dataset.none);
          show(hits, 0, forms, meta, id);
        });
      });
    }).catch(function (error) {
      if (id !== run) return;
      say(location.protocol === "file:" ? form.dataset.file : form.dataset.error + " (" + error.message + ")");
      none();
    });
  }

  // Copies of one dispatch in several outlets (meta.dispatches: groups of documents) show once:
  // the best-ranked copy, which names the others ("also published by").
  function onePerDispatch(hits, meta) {
    if (!meta.dispatches || !meta.dispatches.length) return hits;
    var group = new Map();
    meta.dispatches.forEach(function (members, g) { members.forEach(function (d) { group.set(d, g); }); });
    var seen = new Set();
    return hits.filter(function (h) {
      var g = group.get(h[0]);
      if (g === undefined) return true;
      if (seen.has(g)) return false;
      seen.add(g);
      return true;
    });
  }

  function meta_fields() { return ["country", "actor", "section", "lang", "year"]; }

  // Shows hits[from .. from + PAGE], fetching their metadata chunks.
  function show(hits, from, forms, meta, id) {
    var page = hits.slice(from, from + PAGE);
    more.hidden = true;
    return Promise.all(page.map(function (h) { return get("d/" + Math.floor(h[0] / meta.doc_chunk) + ".json"); }))
      .then(function (chunks) {
        if (id !== run) return;
        page.forEach(function (h, k) { list.appendChild(result(chunks[k][h[0] % meta.doc_chunk], forms)); });
        if (from + PAGE < hits.length) {
          more.hidden = false;
          more.onclick = function () { show(hits, from + PAGE, forms, meta, id); };
        }
        // Set once a search's results are in the page (cleared when the next one starts): what
        // tests/browser/search.mjs and bench/search_query.mjs wait on.
        list.dataset.shown = String(list.children.length);
      });
  }

  function result(doc, forms) {
    var li = document.createElement("li");
    li.className = "search-result";
    li.lang = doc.lang;
    var h2 = document.createElement("h2");
    var a = document.createElement("a");
    a.href = root + doc.path;
    marked(a, doc.title, forms);
    h2.appendChild(a);
    li.appendChild(h2);
    var info = document.createElement("p");
    info.className = "meta";
    if (doc.date) {
      var time = document.createElement("time");
      time.dateTime = doc.date;
      time.textContent = doc.date_display;
      info.appendChild(time);
    }
    [doc.source, doc.section].forEach(function (part) {
      if (!part) return;
      if (info.childNodes.length) info.appendChild(document.createTextNode(" · "));
      info.appendChild(document.createTextNode(part));
    });
    li.appendChild(info);
    if (doc.also && doc.also.length) {
      var also = document.createElement("p");
      also.className = "also";
      also.textContent = form.dataset.also + " : " + doc.also.join(", ");
      li.appendChild(also);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    marked(excerpt, doc.excerpt, forms);
    li.appendChild(excerpt);
    return li;
  }

  // Appends `text` to `parent`, each word whose folded form was hit inside a <mark>.
  function marked(parent, text, forms) {
    var word = /[\p{L}\p{N}]+/gu, last = 0, m;
    while ((m = word.exec(text))) {
      var folded = fold(m[0]).trim().split(" ");
      if (folded.some(function (f) { return forms.has(f); })) {
        parent.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        parent.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // The URL carries the query and filters: a search can be bookmarked and shared.
  function syncUrl() {
    var params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    meta_fields().forEach(function (f) {
      var select = form.elements[f];
      if (select && select.value) params.set(f, select.value);
    });
    history.replaceState(null, "", "?" + params.toString());
  }

  var params = new URLSearchParams(location.search);
  document.querySelectorAll('input[name="q"]').forEach(function (box) { box.value = params.get("q") || ""; });
  meta_fields().forEach(function (f) {
    var select = form.elements[f];
    if (select && params.get(f)) select.value = params.get(f);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    syncUrl();
    search();
  });
  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") { syncUrl(); search(); }
  });
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { syncUrl(); search(); }, 150);
  });
  if (params.get("q")) search();
})();
