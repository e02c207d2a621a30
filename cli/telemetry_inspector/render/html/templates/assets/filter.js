// Narrowing the tables of a server-written page (diff, stats): a search box and a source choice,
// both kept in the URL fragment (#q=...&source=...), with each table's count of shown rows.
(() => {
  "use strict";
  const search = document.getElementById("q");
  const source = document.getElementById("source");
  const tables = Array.from(document.querySelectorAll("table[data-filtered]"));
  const texts = new Map();
  if (!search) {
    document.documentElement.dataset.ready = String(Math.round(performance.now()));
    return;
  }

  function apply() {
    const terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const wanted = source ? source.value : "";
    for (const table of tables) {
      let shown = 0;
      for (const row of table.tBodies[0].rows) {
        if (!texts.has(row)) texts.set(row, row.textContent.toLowerCase());
        const text = texts.get(row);
        const keep = (!wanted || row.dataset.source === wanted) &&
          terms.every((term) => text.includes(term));
        row.hidden = !keep;
        if (keep) shown++;
      }
      for (const count of document.querySelectorAll(`[data-count-of="${table.id}"]`)) {
        count.textContent = String(shown);
      }
    }
  }

  function fromFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    search.value = params.get("q") || "";
    if (source) source.value = params.get("source") || "";
  }

  function toFragment() {
    const params = new URLSearchParams();
    if (search.value) params.set("q", search.value);
    if (source && source.value) params.set("source", source.value);
    const fragment = params.toString();
    const url = location.href.replace(/#.*$/, "") + (fragment ? "#" + fragment : "");
    try {
      history.replaceState(null, "", url);
    } catch (_) {
      location.replace(fragment ? "#" + fragment : "#");
    }
  }

  const changed = () => {
    toFragment();
    apply();
  };
  search.addEventListener("input", changed);
  if (source) source.addEventListener("change", changed);
  document.getElementById("controls").addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("hashchange", () => {
    fromFragment();
    apply();
  });
  fromFragment();
  apply();
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
})();
