"""The three pages in a real Chromium: loaded from disk, their DOM checked against what the CLI's
JSON says, and every page quiet (no console error, no request but its own file, no script of the
data's)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.html import hostile

APP = EXAMPLES / "install"
EXTENSIONS = EXAMPLES / "home" / ".vscode" / "extensions"
LOGS = EXAMPLES / "home" / ".config" / "Code" / "logs" / "20260330T095512"
PERSONAL = {"EndUserPseudonymizedInformation", "PublicPersonalData", "CustomerContent"}
INSTALL = ("--app-root", str(APP), "--extensions-dir", str(EXTENSIONS))


def _run(*args: str, env: dict[str, str], code: int = 0) -> str:
    done = run_cli(*args, env=env)
    assert done.code == code, done.err
    return done.out


@pytest.fixture
def report(env) -> dict[str, Any]:
    return json.loads(_run("report", *INSTALL, "--json", env=env))


@pytest.fixture
def catalog_page(tmp_path: Path, env, page):
    path = tmp_path / "catalog.html"
    assert _run("report", *INSTALL, "--format", "html", "-o", str(path), env=env) == ""
    return page(path)


def _entries(report: dict[str, Any]) -> list[dict[str, Any]]:
    """What the page lists, worked out from the JSON: each event, and each source's common
    properties as one entry; each with its properties' (name, classification, purpose)."""
    entries = []
    for source, catalog in report.items():
        for name, event in catalog.get("events", {}).items():
            props = [
                (key, value.get("classification"), value.get("purpose"), value.get("comment"))
                for key, value in event.items()
                if isinstance(value, dict)
            ]
            props += [
                ("*", w["${classification}"]["classification"], None, None)
                for w in event.get("${wildcard}", [])
            ]
            entries.append({"source": source, "name": name, "event": event, "props": props})
        common = catalog.get("commonProperties") or {}
        if common:
            props = [
                (k, v.get("classification"), v.get("purpose"), None) for k, v in common.items()
            ]
            entries.append(
                {"source": source, "name": "commonProperties", "event": {}, "props": props}
            )
    return entries


def _status(view) -> tuple[int, int]:
    shown = view.js("({...document.getElementById('status').dataset})")
    return int(shown["events"]), int(shown["properties"])


def _chips(view, kind: str) -> dict[str, int]:
    return view.js(
        f"Object.fromEntries([...document.querySelectorAll('#{kind}-counts .chip')]"
        ".map(chip => [chip.firstChild.textContent, Number(chip.dataset.count)]))"
    )


def test_the_catalog_page_lists_every_event_with_the_counts_of_the_json(catalog_page, report):
    view = catalog_page.open()
    entries = _entries(report)
    assert _status(view) == (len(entries), sum(len(e["props"]) for e in entries))
    classes: dict[str, int] = {}
    for entry in entries:
        for _, classification, _, _ in entry["props"]:
            classes[classification] = classes.get(classification, 0) + 1
    assert {k: v for k, v in _chips(view, "classification").items() if v} == classes
    # the first page of the list is drawn, the rest waits behind "show more"
    assert view.js("document.querySelectorAll('#events > li').length") == min(200, len(entries))
    # a personal classification stands out in its counts
    personal_chips = view.js(
        "[...document.querySelectorAll('#classification-counts .chip.personal')]"
        ".map(c => c.firstChild.textContent)"
    )
    assert set(personal_chips) == PERSONAL


def test_a_search_narrows_the_list_to_the_events_that_mention_it(catalog_page, report):
    view = catalog_page.open()
    everything = _status(view)[0]
    view.type_search("Editor")
    wanted = [
        e
        for e in _entries(report)
        if "editor"
        in "\n".join(
            [
                e["name"],
                e["source"],
                str(e["event"].get("owner", "")),
                str(e["event"].get("comment", "")),
            ]
            + [f"{name}\n{comment or ''}" for name, _, _, comment in e["props"]]
        ).lower()
    ]
    assert 0 < len(wanted) < everything
    assert _status(view)[0] == len(wanted)
    names = view.js("[...document.querySelectorAll('#events .name')].map(n => n.textContent)")
    assert sorted(names) == sorted(e["name"] for e in wanted)
    assert view.js("location.hash") == "#q=Editor"


def test_a_search_from_the_fragment_finds_property_comments(catalog_page):
    # the properties' comments arrive after the page's script has run: the search is redone then
    view = catalog_page.open("#q=tenant%27s%20display")
    view.wait("document.readyState === 'complete'")
    assert _status(view)[0] == 1
    names = view.js("[...document.querySelectorAll('#events .name')].map(n => n.textContent)")
    assert names == ["contoso.sql-notebooks/connect"]
    assert view.js("document.getElementById('q').value") == "tenant's display"


def test_filters_come_from_the_url_fragment_and_combine(catalog_page, report):
    view = catalog_page.open("#source=vscode-core&classification=EndUserPseudonymizedInformation")
    assert view.js("document.getElementById('source').selectedOptions[0].textContent") == (
        "vscode-core"
    )
    matching = [
        [p for p in e["props"] if p[1] == "EndUserPseudonymizedInformation"]
        for e in _entries(report)
        if e["source"] == "vscode-core"
    ]
    matching = [props for props in matching if props]
    assert len(matching) > 0
    assert _status(view) == (len(matching), sum(map(len, matching)))
    # the counts follow the filters: only the chosen classification is left, by purpose too
    chips = _chips(view, "classification")
    assert {k for k, v in chips.items() if v} == {"EndUserPseudonymizedInformation"}
    purposes = {k: v for k, v in _chips(view, "purpose").items() if v}
    expected: dict[str, int] = {}
    for props in matching:
        for _, _, purpose, _ in props:
            expected[purpose] = expected.get(purpose, 0) + 1
    assert purposes == expected


def test_choosing_a_filter_writes_the_fragment_a_colleague_can_open(catalog_page):
    view = catalog_page.open()
    view.js(
        "(() => { const s = document.getElementById('purpose');"
        " s.value = [...s.options].find(o => o.textContent === 'PerformanceAndHealth').value;"
        " s.dispatchEvent(new Event('change')); })()"
    )
    chosen = _status(view)
    assert view.js("location.hash") == "#purpose=PerformanceAndHealth"
    catalog_page.open("#purpose=PerformanceAndHealth")
    assert _status(view) == chosen
    view.js("document.getElementById('clear').click()")
    assert view.js("location.hash") == ""
    assert _status(view)[0] > chosen[0]


def test_an_event_opens_to_its_properties_with_personal_data_marked(catalog_page, report):
    view = catalog_page.open("#q=extensionActivationTimes&source=vscode-core")
    assert _status(view)[0] == 1
    view.js("document.querySelector('#events summary').click()")
    view.wait("document.querySelector('#events table.properties')")
    rows = view.js(
        "[...document.querySelectorAll('#events table.properties tbody tr')].map(r =>"
        " [r.cells[0].textContent, r.cells[1].textContent, r.classList.contains('has-personal')])"
    )
    event = report["vscode-core"]["events"]["extensionActivationTimes"]
    declared = {k: v["classification"] for k, v in event.items() if isinstance(v, dict)}
    assert {name: classification for name, classification, _ in rows} == declared
    assert any(marked for _, _, marked in rows)
    assert all(marked == (classification in PERSONAL) for _, classification, marked in rows)
    about = view.js("document.querySelector('#events dl.about').textContent")
    assert event["owner"] in about and event["comment"] in about


def test_the_commands_filters_apply_before_the_page_is_made(tmp_path, env, page, report):
    path = tmp_path / "core.html"
    _run(
        "report", *INSTALL, "--source", "vscode-core", "--format", "html", "-o", str(path), env=env
    )
    view = page(path).open()
    options = view.js("[...document.getElementById('source').options].map(o => o.textContent)")
    assert options == ["any", "vscode-core"]
    entries = [e for e in _entries(report) if e["source"] == "vscode-core"]
    assert _status(view)[0] == len(entries)


def test_the_data_is_in_the_page_once(tmp_path, env):
    path = tmp_path / "catalog.html"
    _run("report", *INSTALL, "--format", "html", "-o", str(path), env=env)
    text = path.read_text(encoding="utf-8")
    for comment in ("Connected to a server.", "The tenant's display name."):  # event, property
        assert text.count(comment) == 1
    # the events, then (after the script, so the list is drawn first) their properties' comments
    assert text.count('type="application/json"') == 2


def test_the_diff_page_puts_newly_collected_personal_data_first(tmp_path, env, page, report):
    older = json.loads(json.dumps(report))
    core = older["vscode-core"]["events"]
    del core["authentication.login"]
    core["extensionActivationTimes"]["publisherdisplayname"]["classification"] = "SystemMetaData"
    del older["contoso.sql-notebooks-0.9.0-linux-x64"]
    (tmp_path / "old.json").write_text(json.dumps(older), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(report), encoding="utf-8")
    path = tmp_path / "diff.html"
    old, new = str(tmp_path / "old.json"), str(tmp_path / "new.json")
    _run("diff", old, new, "--format", "html", "-o", str(path), env=env, code=1)
    view = page(path).open()
    sections = view.js("[...document.querySelectorAll('main section')].map(s => s.id)")
    assert sections[0] == "section-new-personal"
    personal = view.js(
        "[...document.querySelectorAll('#new-personal tbody tr')].map(r =>"
        " [...r.cells].map(c => c.textContent.trim()))"
    )
    login = report["vscode-core"]["events"]["authentication.login"]
    expected = {("vscode-core", "extensionActivationTimes", "publisherdisplayname")}
    expected |= {
        ("vscode-core", "authentication.login", name)
        for name, value in login.items()
        if isinstance(value, dict) and value["classification"] in PERSONAL
    }
    notebooks = report["contoso.sql-notebooks-0.9.0-linux-x64"]["events"]
    expected |= {
        ("contoso.sql-notebooks-0.9.0-linux-x64", event, name)
        for event, values in notebooks.items()
        for name, value in values.items()
        if isinstance(value, dict) and value["classification"] in PERSONAL
    }
    assert {tuple(row[:3]) for row in personal} == expected
    assert all(row[4] in PERSONAL for row in personal)
    view.type_search("publisherdisplayname")
    assert view.js("document.querySelector('[data-count-of=\"new-personal\"]').textContent") == "1"
    assert view.js("document.querySelector('[data-count-of=\"added\"]').textContent") == "0"


def test_the_stats_page_counts_as_stats_json_does_with_a_timeline(tmp_path, env, page):
    args = ("stats", str(LOGS), "--app-root", str(APP))
    record = json.loads(_run(*args, "--json", env=env))
    path = tmp_path / "stats.html"
    _run(*args, "--format", "html", "-o", str(path), env=env)
    view = page(path).open()
    assert view.js("document.querySelector('#total-events .n').textContent") == str(
        record["events"]
    )
    rows = view.js(
        "[...document.querySelectorAll('#by-event tbody tr')].map(r =>"
        " [r.cells[0].textContent, r.cells[1].textContent, Number(r.cells[3].textContent)])"
    )
    assert rows == [[e["event"], e["source"], e["count"]] for e in record["by_event"]]
    bars = view.js("[...document.querySelectorAll('#timeline rect')].map(r => r.textContent)")
    assert len(bars) == len(record["by_minute"])
    assert sum(int(label.rsplit(": ", 1)[1].split()[0]) for label in bars) == record["events"]
    personal = sum(
        c["properties"] for c in record["by_classification"] if c["classification"] in PERSONAL
    )
    assert view.js("document.querySelector('#personal-values .n').textContent") == str(personal)
    # a filter from the fragment: only core events, counted
    page(path).open("#source=core")
    core = [e for e in record["by_event"] if e["source"] == "core"]
    assert view.js("document.querySelector('[data-count-of=\"by-event\"]').textContent") == str(
        len(core)
    )
    shown = view.js("[...document.querySelectorAll('#by-event tbody tr:not([hidden])')].length")
    assert shown == len(core) < len(record["by_event"])


# --- hostile input -----------------------------------------------------------------------------


def _text(view) -> str:
    return view.js("document.body.innerText")


def extensions_folder(extensions: Path) -> str:
    [folder] = [path.name for path in extensions.iterdir()]
    return folder


def _assert_inert(view, scripts: int = 1, *, all_shown: bool = True) -> None:
    """Nothing of the data became markup: only our scripts, no image, no link, no handler."""
    assert view.js("document.scripts.length") == scripts
    assert view.js("document.querySelectorAll('img, a, iframe, object, embed').length") == 0
    assert (
        view.js("[...document.querySelectorAll('*')].some(e => e.hasAttribute('onerror'))") is False
    )
    assert view.js("window.__pwned === undefined")
    assert "\u202e" not in _text(view)  # bidi overrides are spelled, not obeyed
    if all_shown:
        assert "\\u202e" in _text(view)


def test_hostile_catalog_strings_render_as_text(tmp_path, env, page):
    app, extensions = hostile.hostile_install(tmp_path)
    path = tmp_path / "catalog.html"
    _run(
        "report",
        "--app-root",
        str(app),
        "--extensions-dir",
        str(extensions),
        "--format",
        "html",
        "-o",
        str(path),
        env=env,
    )
    view = page(path).open()
    view.js("document.querySelectorAll('#events summary').forEach(s => s.click())")
    view.wait("document.querySelectorAll('#events table').length > 10")
    shown = _text(view)
    for payload in (hostile.SCRIPT, hostile.CLOSE, hostile.LINK, hostile.ATTRIBUTE):
        assert payload in shown
    assert hostile.IMG.strip() in shown
    assert "{{ 7*7 }}" in shown
    assert view.js(
        "[...document.querySelectorAll('#events .name')].some(n =>"
        " n.textContent.startsWith('evil/lone'))"
    )
    _assert_inert(view, scripts=3)  # the script, its data, the comments
    sources = view.js("[...document.getElementById('source').options].map(o => o.textContent)")
    assert sorted(sources) == sorted(["any", "vscode-core", extensions_folder(extensions)])
    # the payloads are searchable as the text they are
    view.type_search("</script>")
    assert _status(view)[0] > 0
    _assert_inert(view, scripts=3, all_shown=False)


def test_hostile_diff_strings_render_as_text(tmp_path, env, page):
    old, new = hostile.hostile_reports(tmp_path)
    path = tmp_path / "diff.html"
    _run("diff", str(old), str(new), "--format", "html", "-o", str(path), env=env, code=1)
    view = page(path).open()
    shown = _text(view)
    for payload in (hostile.SCRIPT, hostile.CLOSE, hostile.LINK, hostile.ATTRIBUTE, "{{ 7*7 }}"):
        assert payload in shown
    assert "lone\\ud800surrogate" in shown  # spelled: it has no UTF-8 form
    _assert_inert(view)
    view.js(
        "(() => { const s = document.getElementById('source'); s.selectedIndex = 1;"
        " s.dispatchEvent(new Event('change')); })()"
    )
    assert "source=" in view.js("location.hash")
    _assert_inert(view, all_shown=False)


def test_hostile_log_strings_render_as_text(tmp_path, env, page):
    log = hostile.hostile_log(tmp_path / "logs" / "telemetry.log")
    _, new = hostile.hostile_reports(tmp_path)
    path = tmp_path / "stats.html"
    _run("stats", str(log), "--catalog", str(new), "--format", "html", "-o", str(path), env=env)
    view = page(path).open()
    shown = _text(view)
    assert hostile.SCRIPT in shown and hostile.CLOSE in shown
    _assert_inert(view)
    everything = view.js("document.querySelector('[data-count-of=\"by-event\"]').textContent")
    page(path).open("#q=" + "%3Cscript%3E")
    narrowed = view.js("document.querySelector('[data-count-of=\"by-event\"]').textContent")
    assert 0 < int(narrowed) < int(everything)
    _assert_inert(view, all_shown=False)


def test_a_long_list_comes_in_pages_and_property_owners_are_shown(tmp_path, env, page):
    from tests.catalog.helpers import add_extension, catalog, make_install, prop

    events = {f"core/event{index:03d}": {"owner": "core-team", "p": prop()} for index in range(450)}
    events["core/owned"] = {"owner": "core-team", "q": prop(owner="ada"), "r": prop()}
    app = make_install(tmp_path / "install", core=catalog(events))
    extensions = tmp_path / "extensions"
    add_extension(extensions, "aaa.first-1.0.0", catalog({"aaa.first/x": {"p": prop()}}))
    path = tmp_path / "catalog.html"
    install = ("--app-root", str(app), "--extensions-dir", str(extensions))
    _run("report", *install, "--format", "html", "-o", str(path), env=env)
    view = page(path).open()
    listed = "document.querySelectorAll('#events > li').length"
    assert view.js(listed) == 200
    view.js("document.getElementById('more').click()")
    assert view.js(listed) == 400
    view.js("document.getElementById('more').click()")
    assert view.js(listed) == 452
    assert view.js("document.getElementById('more').hidden") is True
    # VS Code's own sources come first in the choice, then the extensions by name
    sources = view.js("[...document.getElementById('source').options].map(o => o.textContent)")
    assert sources == ["any", "vscode-core", "aaa.first-1.0.0"]
    # an owner named only by a property still finds its event, and shows in its table
    page(path).open("#owner=ada")
    assert _status(view)[0] == 1
    view.js("document.querySelector('#events summary').click()")
    rows = view.js(
        "[...document.querySelectorAll('#events table.properties tr')].map(r =>"
        " [...r.cells].map(c => c.textContent))"
    )
    assert rows[0][-1] == "Owner"
    assert {row[0]: row[-1] for row in rows[1:]} == {"q": "ada", "r": ""}


def test_a_huge_diff_section_starts_closed_and_still_counts(tmp_path, env, page):
    from telemetry_inspector.render.html.diff import OPEN_ROWS
    from tests.catalog.helpers import catalog, prop, write

    many = {f"e{index}": {"p": prop()} for index in range(OPEN_ROWS + 1)}
    before = {"kept": {"p": prop()}, "gone": {"p": prop()}}
    old = write(tmp_path / "old.json", {"vscode-core": catalog(before)})
    new = write(tmp_path / "new.json", {"vscode-core": catalog({"kept": {"p": prop()}, **many})})
    path = tmp_path / "diff.html"
    _run("diff", str(old), str(new), "--format", "html", "-o", str(path), env=env, code=1)
    view = page(path).open()
    opened = view.js(
        "Object.fromEntries([...document.querySelectorAll('section')].map(s =>"
        " [s.id, s.querySelector('details.rows')?.open ?? null]))"
    )
    assert opened["section-added"] is False
    assert opened["section-removed"] is True
    assert opened["section-changed"] is None  # nothing there: said so, no table
    count = "document.querySelector('[data-count-of=\"added\"]').textContent"
    assert view.js(count) == str(OPEN_ROWS + 1)
    view.type_search("e1999")
    assert view.js(count) == "1"


def test_empty_pages_say_so_quietly(tmp_path, env, page):
    catalog_path, stats_path = tmp_path / "none.html", tmp_path / "stats.html"
    done = run_cli(
        "report",
        *INSTALL,
        "--event",
        "no-such-*",
        "--format",
        "html",
        "-o",
        str(catalog_path),
        env=env,
    )
    assert done.code == 0 and "nothing in the catalog matches" in done.err
    view = page(catalog_path).open()
    assert _status(view) == (0, 0)
    assert view.js("document.querySelector('#events .empty').textContent") == "No event matches."
    log = tmp_path / "telemetry.log"
    log.write_text("", encoding="utf-8")
    _run("stats", str(log), "--no-catalog", "--format", "html", "-o", str(stats_path), env=env)
    view = page(stats_path).open()
    assert view.js("document.querySelector('#total-events .n').textContent") == "0"
    assert view.js("document.getElementById('timeline')") is None
