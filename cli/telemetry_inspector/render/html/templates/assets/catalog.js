// The catalog page: everything is built from the JSON in #catalog-data with textContent, never
// with innerHTML, so every name and comment stays text. Filters live in the URL fragment.
(() => {
  "use strict";
  performance.mark("catalog-start");
  const data = JSON.parse(document.getElementById("catalog-data").textContent);
  performance.mark("catalog-parsed");
  // An event: [source, name, owner, comment, expiration, isCommon, properties];
  // a property: [name, classification, purpose, endpoint, flags (1 measurement, 2 wildcard),
  // its own owner (only when it names one)].
  // The properties' comments (per event, a list or null) are in #catalog-comments, after this
  // script: read once the document is parsed, so the list is drawn before.
  const events = data.events;
  let comments = null;
  const lists = {
    source: data.sources, classification: data.classifications, purpose: data.purposes,
    endpoint: data.endpoints, owner: data.owners,
  };
  const FILTERS = ["source", "classification", "purpose", "endpoint", "owner"];
  const personal = new Set(data.personal);
  const PAGE = 200;
  const $ = (id) => document.getElementById(id);
  const state = { q: "", source: -1, classification: -1, purpose: -1, endpoint: -1, owner: -1 };
  let matched = [];
  let shownUpTo = 0;
  let haystacks = null;

  // Control and bidirectional characters would act on the page instead of showing: spell them.
  const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  const shown = (text) => String(text).replace(UNSAFE,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = shown(text);
    return node;
  }

  function fillSelects() {
    for (const name of FILTERS) {
      const select = $(name);
      const order = lists[name].map((label, index) => [label, index]);
      if (name === "source" || name === "owner") {
        const first = new Set(name === "source" ? data.coreSources : []);  // VS Code's own first
        order.sort((a, b) => (first.has(b[0]) - first.has(a[0])) || a[0].localeCompare(b[0]));
      }
      for (const [label, index] of order) {
        const option = el("option", personal.has(index) && name === "classification" ? "personal" : "", label);
        option.value = String(index);
        select.append(option);
      }
    }
  }

  function commentsOf(index) {
    if (comments === null) {
      if (document.readyState === "loading") return null;  // still being read
      comments = JSON.parse(document.getElementById("catalog-comments").textContent);
    }
    return comments[index];
  }

  function haystack(index) {
    if (haystacks === null) {
      haystacks = events.map((event, at) => {
        const parts = [event[1], lists.source[event[0]], event[2] >= 0 ? lists.owner[event[2]] : "",
          event[3] || "", event[4] || ""];
        for (const prop of event[6]) parts.push(prop[0], prop.length > 5 ? lists.owner[prop[5]] : "");
        for (const note of commentsOf(at) || []) if (note) parts.push(note);
        return parts.join("\n").toLowerCase();
      });
      if (comments === null) haystacks.partial = true;
    }
    return haystacks[index];
  }

  const propertyFilter = () => state.classification >= 0 || state.purpose >= 0 || state.endpoint >= 0;
  const propertyMatches = (prop) =>
    (state.classification < 0 || prop[1] === state.classification) &&
    (state.purpose < 0 || prop[2] === state.purpose) &&
    (state.endpoint < 0 || prop[3] === state.endpoint);

  function apply() {
    const terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const byProperty = propertyFilter();
    const classCounts = new Array(lists.classification.length).fill(0);
    const purposeCounts = new Array(lists.purpose.length).fill(0);
    let properties = 0;
    matched = [];
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      if (state.source >= 0 && event[0] !== state.source) continue;
      if (state.owner >= 0 && event[2] !== state.owner &&
        !event[6].some((prop) => prop[5] === state.owner)) continue;
      if (terms.length) {
        const text = haystack(index);
        if (!terms.every((term) => text.includes(term))) continue;
      }
      let kept = !byProperty;
      for (const prop of event[6]) {
        if (byProperty && !propertyMatches(prop)) continue;
        kept = true;
        classCounts[prop[1]]++;
        purposeCounts[prop[2]]++;
        properties++;
      }
      if (kept) matched.push(index);
    }
    drawCounts("classification", classCounts);
    drawCounts("purpose", purposeCounts);
    const status = $("status");
    status.replaceChildren(
      el("strong", "", matched.length), ` events (`, el("span", "", properties),
      ` properties) of ${events.length} events`);
    status.dataset.events = String(matched.length);
    status.dataset.properties = String(properties);
    $("events").replaceChildren();
    shownUpTo = 0;
    showMore();
  }

  function drawCounts(name, counts) {
    const row = $(`${name}-counts`);
    row.replaceChildren(row.firstElementChild);
    counts.forEach((count, index) => {
      if (!count && state[name] !== index && index >= data.known[name]) return;
      const chip = el("button", "chip", lists[name][index]);
      chip.type = "button";
      chip.append(el("span", "n", count));
      if (name === "classification" && personal.has(index)) chip.classList.add("personal");
      if (!count) chip.classList.add("zero");
      chip.dataset.index = String(index);
      chip.dataset.count = String(count);
      chip.setAttribute("aria-pressed", String(state[name] === index));
      chip.addEventListener("click", () => {
        state[name] = state[name] === index ? -1 : index;
        changed();
      });
      row.append(chip);
    });
  }

  function showMore() {
    const list = $("events");
    const end = Math.min(matched.length, shownUpTo + PAGE);
    const items = document.createDocumentFragment();
    for (let i = shownUpTo; i < end; i++) items.append(eventItem(matched[i]));
    list.append(items);
    shownUpTo = end;
    const more = $("more");
    more.hidden = shownUpTo >= matched.length;
    more.textContent = `Show ${Math.min(PAGE, matched.length - shownUpTo)} more (${matched.length - shownUpTo} left)`;
    if (!matched.length) list.append(el("li", "empty", "No event matches."));
  }

  function eventItem(index) {
    const event = events[index];
    const item = el("li");
    item.dataset.index = String(index);
    const details = el("details");
    const summary = el("summary");
    summary.append(el("span", "name data", event[1]), el("span", "badge data", lists.source[event[0]]));
    if (event[2] >= 0) summary.append(el("span", "badge data", "owner " + lists.owner[event[2]]));
    summary.append(el("span", "badge", `${event[6].length} properties`));
    const personalCount = event[6].filter((prop) => personal.has(prop[1])).length;
    if (personalCount) summary.append(el("span", "badge personal", `${personalCount} personal`));
    details.append(summary);
    details.addEventListener("toggle", () => {
      if (details.open && details.childElementCount === 1) details.append(eventDetail(index));
    });
    item.append(details);
    return item;
  }

  function eventDetail(index) {
    const event = events[index];
    const box = el("div", "detail");
    const about = el("dl", "about");
    const facts = [["source", lists.source[event[0]]], ["owner", event[2] >= 0 ? lists.owner[event[2]] : null],
      ["comment", event[3]], ["expires", event[4]]];
    for (const [label, value] of facts) {
      if (value === null || value === undefined || value === "") continue;
      about.append(el("dt", "", label), el("dd", label === "comment" ? "data comment" : "data", value));
    }
    if (event[5]) about.append(el("dt", "", "note"), el("dd", "", "common properties: sent with every event of this source"));
    box.append(about);
    if (!event[6].length) {
      box.append(el("p", "empty", "No properties."));
      return box;
    }
    const table = el("table", "properties");
    const head = el("tr");
    const owned = event[6].some((prop) => prop.length > 5);
    const titles = ["Property", "Classification", "Purpose", "Endpoint", "Measurement", "Comment"];
    if (owned) titles.push("Owner");
    for (const title of titles) head.append(el("th", "", title));
    table.append(el("thead"), el("tbody"));
    table.tHead.append(head);
    const byProperty = propertyFilter();
    const notes = commentsOf(index) || [];
    event[6].forEach((prop, at) => {
      const row = el("tr");
      const isPersonal = personal.has(prop[1]);
      if (isPersonal) row.classList.add("has-personal");
      if (byProperty && !propertyMatches(prop)) row.classList.add("dim");
      row.append(
        el("td", "data mono", prop[0]),
        el("td", isPersonal ? "data personal" : "data", lists.classification[prop[1]]),
        el("td", "data", lists.purpose[prop[2]]),
        el("td", "data", lists.endpoint[prop[3]]),
        el("td", "", prop[4] & 1 ? "yes" : ""),
        el("td", "data comment", notes[at]));
      if (owned) row.append(el("td", "data", prop.length > 5 ? lists.owner[prop[5]] : ""));
      table.tBodies[0].append(row);
    });
    box.append(table);
    return box;
  }

  // --- the URL fragment: #q=text&source=vscode-core&classification=PublicPersonalData ---------

  function fromFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.q = params.get("q") || "";
    for (const name of FILTERS) {
      const wanted = params.get(name);
      state[name] = wanted === null ? -1 : lists[name].indexOf(wanted);
    }
  }

  function toFragment() {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const name of FILTERS) if (state[name] >= 0) params.set(name, lists[name][state[name]]);
    const fragment = params.toString();
    if (fragment === location.hash.replace(/^#/, "")) return;
    const url = location.href.replace(/#.*$/, "") + (fragment ? "#" + fragment : "");
    try {
      history.replaceState(null, "", url);
    } catch (_) {
      location.replace(fragment ? "#" + fragment : "#");
    }
  }

  function toControls() {
    $("q").value = state.q;
    for (const name of FILTERS) $(name).value = state[name] >= 0 ? String(state[name]) : "";
  }

  function changed() {
    toControls();
    toFragment();
    apply();
  }

  fillSelects();
  performance.mark("catalog-selects");
  fromFragment();
  toControls();
  apply();
  performance.mark("catalog-listed");
  requestAnimationFrame(() => setTimeout(() => performance.mark("catalog-painted")));
  $("q").addEventListener("input", () => {
    state.q = $("q").value;
    toFragment();
    apply();
  });
  for (const name of FILTERS) {
    $(name).addEventListener("change", () => {
      state[name] = $(name).value === "" ? -1 : Number($(name).value);
      toFragment();
      apply();
    });
  }
  $("clear").addEventListener("click", () => {
    state.q = "";
    for (const name of FILTERS) state[name] = -1;
    changed();
  });
  $("more").addEventListener("click", showMore);
  $("controls").addEventListener("submit", (event) => event.preventDefault());
  document.addEventListener("DOMContentLoaded", () => {
    // the comments are here now: searches and open events that went without them are redone
    if (haystacks !== null && haystacks.partial) {
      haystacks = null;
      if (state.q) apply();
    }
    for (const details of document.querySelectorAll("#events > li > details")) {
      const index = Number(details.parentElement.dataset.index);
      if (details.childElementCount > 1) details.lastElementChild.replaceWith(eventDetail(index));
    }
    // the first search should not wait for the text it searches: make it while nothing happens
    if (window.requestIdleCallback) requestIdleCallback(() => haystack(0), { timeout: 2000 });
  });
  window.addEventListener("hashchange", () => {
    fromFragment();
    toControls();
    apply();
  });
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
})();
