// The review page's behaviour: keep work in the browser, preview each translation as the
// edition shows it, flag what `check` would refuse, and save a review file (or, served, post it).
// Translations are untrusted: previews are built from text nodes, never from HTML strings.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pack-data").textContent);
  var storeKey = "letterlingo-review:" + data.pack;
  var entries = Array.prototype.slice.call(document.querySelectorAll("section.entry"));
  var status = document.getElementById("status");
  var progress = document.getElementById("progress");
  var reviewer = document.getElementById("reviewer");

  function words(key, values) {
    var text = data.ui[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }

  function parts(section) {
    return {
      text: section.querySelector('textarea[name="translation"]'),
      approved: section.querySelector('input[name="approved"]'),
      preview: section.querySelector(".preview"),
      problems: section.querySelector(".problems")
    };
  }

  // A small reader of the inline Markdown letters use: **bold**, *italic*, [text](address).
  function render(text, into) {
    while (into.firstChild) { into.removeChild(into.firstChild); }
    var pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)/g;
    var last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      into.appendChild(document.createTextNode(text.slice(last, match.index)));
      var node;
      if (match[1] !== undefined) { node = document.createElement("strong"); node.textContent = match[1]; }
      else if (match[2] !== undefined) { node = document.createElement("em"); node.textContent = match[2]; }
      else if (/^(https?:|mailto:)/i.test(match[4])) {
        node = document.createElement("a"); node.textContent = match[3];
        node.setAttribute("href", match[4]); node.setAttribute("rel", "noopener noreferrer"); node.setAttribute("target", "_blank");
      } else { node = document.createTextNode(match[0]); }
      into.appendChild(node);
      last = pattern.lastIndex;
    }
    into.appendChild(document.createTextNode(text.slice(last)));
  }

  function facts(text) {
    var links = [], re = /\[[^\]]*\]\(((?:[^()\s]|\([^()\s]*\))*)\)/g, m;
    while ((m = re.exec(text)) !== null) { links.push(m[1]); }
    var stripped = text.replace(/\]\([^)]*\)/g, "]");
    var strong = (stripped.match(/\*\*[^*]+\*\*/g) || []).length;
    var em = (stripped.replace(/\*\*[^*]+\*\*/g, "").match(/\*[^*]+\*/g) || []).length;
    var numbers = (stripped.match(/\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?/g) || []).map(function (n) { return n.replace(/\D/g, ""); });
    return { links: links, strong: strong, em: em, numbers: numbers };
  }

  function check(section) {
    var p = parts(section), source = data.facts[section.dataset.id], found = [];
    var text = p.text.value;
    while (p.problems.firstChild) { p.problems.removeChild(p.problems.firstChild); }
    if (!text.trim() || !source) { return; }
    var mine = facts(text);
    source.links.forEach(function (target) {
      if (mine.links.indexOf(target) < 0) { found.push(words("The link to {target} is missing.", { target: target })); }
    });
    mine.links.forEach(function (target) {
      if (source.links.indexOf(target) < 0) { found.push(words("{target} is not a link of the original text.", { target: target })); }
    });
    var left = mine.numbers.slice();
    source.numbers.forEach(function (number) {
      var at = left.indexOf(number);
      if (at < 0) { found.push(words("The number {number} of the original is missing.", { number: number })); }
      else { left.splice(at, 1); }
    });
    if (mine.strong !== source.strong) {
      found.push(words("The original has {source} bold parts, the translation {translation}.", { source: source.strong, translation: mine.strong }));
    }
    if (mine.em !== source.em) {
      found.push(words("The original has {source} italic parts, the translation {translation}.", { source: source.em, translation: mine.em }));
    }
    found.forEach(function (message) {
      var item = document.createElement("li"); item.textContent = message; p.problems.appendChild(item);
    });
  }

  function count() {
    var done = entries.filter(function (section) { return parts(section).approved.checked; }).length;
    progress.textContent = words("{done} of {total} approved", { done: done, total: entries.length });
  }

  function state() {
    return {
      format: data.format, pack: data.pack, slug: data.slug, locale: data.locale, base: data.base,
      reviewer: reviewer.value, saved: new Date().toISOString(),
      entries: entries.map(function (section) {
        var p = parts(section);
        return { id: section.dataset.id, source_sha256: section.dataset.sourceHash, source: data.sources[section.dataset.id],
                 text: p.text.value, approved: p.approved.checked };
      })
    };
  }

  function remember() {
    try { localStorage.setItem(storeKey, JSON.stringify(state())); } catch (e) { /* private mode: nothing kept */ }
  }

  function restore() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { kept = null; }
    if (!kept || kept.pack !== data.pack) { return; }
    reviewer.value = kept.reviewer || "";
    var byId = {};
    kept.entries.forEach(function (item) { byId[item.id] = item; });
    entries.forEach(function (section) {
      var item = byId[section.dataset.id], p = parts(section);
      if (item) { p.text.value = item.text; p.approved.checked = item.approved; }
    });
  }

  function refresh(section) {
    var p = parts(section);
    render(p.text.value, p.preview);
    check(section);
    section.classList.toggle("approved", p.approved.checked);
  }

  function save() {
    var review = state();
    if (data.served) {
      fetch(data.save_url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(review) })
        .then(function (response) {
          return response.json().then(function (answer) { return { ok: response.ok, code: response.status, answer: answer }; });
        })
        .then(function (result) {
          if (result.ok) {
            data.base = result.answer.base;
            // Texts the catalogue kept as drafts (they break a link or markup) are named.
            status.textContent = [words("Saved to the catalogue.")].concat(result.answer.refused || []).join(" ");
          }
          else if (result.code === 409) {
            status.textContent = words("Not saved: someone changed this translation file since you opened the page. Reload the page; your changes are kept in this browser.");
          } else { status.textContent = words("Not saved: {reason}", { reason: result.answer.error || result.code }); }
        })
        .catch(function (error) { status.textContent = words("Not saved: {reason}", { reason: error.message }); });
      return;
    }
    var blob = new Blob([JSON.stringify(review, null, 1)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = data.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = words("Saved: send the downloaded file {file} to the campaign team.", { file: data.file });
  }

  restore();
  entries.forEach(function (section) {
    var p = parts(section);
    refresh(section);
    // The tick means "approved as it reads now": changing the text afterwards takes it away.
    var approvedText = p.approved.checked ? p.text.value : null;
    p.text.addEventListener("input", function () {
      if (p.approved.checked && p.text.value !== approvedText) { p.approved.checked = false; count(); }
      refresh(section); remember();
    });
    p.approved.addEventListener("change", function () {
      approvedText = p.approved.checked ? p.text.value : null;
      refresh(section); count(); remember();
    });
  });
  reviewer.addEventListener("input", remember);
  document.getElementById("save").addEventListener("click", save);
  count();
})();
