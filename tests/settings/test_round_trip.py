"""After `lockdown`, `audit` on the same target exits 0: on generated worlds of random extensions
(tagged and untagged switches of every type, inverted names, odd defaults) and random settings
(any JSON values, nested spellings, duplicated keys), through the real CLI and, for many more
cases, through the same domain calls the CLI makes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from telemetry_inspector.settings.audit import all_off, audit_all, audits_or_raise
from telemetry_inspector.settings.lockdown import Options, plan_lockdown, write_lockdown
from telemetry_inspector.settings.policy import read_policy
from telemetry_inspector.settings.targets import Selection, find_targets
from telemetry_inspector.vscode.locations import Host
from telemetry_inspector.vscode.switches import CORE_SWITCHES
from tests.conftest import clean_env, run_cli
from tests.settings.worlds import argv_of, extensions_of, install, settings_of, values, write

LEAVES = [
    "enableTelemetry",
    "telemetryEnabled",
    "disableTelemetry",
    "telemetryOptOut",
    "noTelemetry",
    "telemetryLevel",
    "sendUsageData",
    "fetchRemoteData",
    "autoUpdate",
    "disableDownloads",
    "useCloud",
    "formatOnType",
    "theme",
]
ENUM_WORDS = ["on", "off", "Off", "none", "all", "errors", "disabled", "basic", "never", "always"]
JSON_VALUES = st.one_of(
    st.booleans(),
    st.none(),
    st.integers(-2, 2),
    st.sampled_from(["off", "on", "all", "none", "manual", "false", "", "onReload"]),
    st.lists(st.booleans(), max_size=2),
)


@st.composite
def schemas(draw):
    kind = draw(st.sampled_from(["boolean", "enum", "string", "number", "nullable"]))
    schema: dict = {"type": {"nullable": ["boolean", "null"], "enum": "string"}.get(kind, kind)}
    if kind == "enum":
        schema["enum"] = draw(
            st.lists(st.sampled_from(ENUM_WORDS), min_size=1, max_size=4, unique=True)
        )
    tags = draw(
        st.lists(st.sampled_from(["telemetry", "usesOnlineServices", "preview"]), unique=True)
    )
    if tags:
        schema["tags"] = tags
    if draw(st.booleans()):
        schema["default"] = draw(JSON_VALUES)
    return schema


@st.composite
def extension_sets(draw):
    """Extensions gen0..genN, each with settings `genK.<leaf>` (no key is a prefix of another)."""
    count = draw(st.integers(0, 3))
    found = []
    for index in range(count):
        leaves = draw(st.lists(st.sampled_from(LEAVES), min_size=1, max_size=4, unique=True))
        properties = {f"gen{index}.{leaf}": draw(schemas()) for leaf in leaves}
        found.append((f"pub{index}.ext{index}", properties, draw(st.booleans())))
    return found


def _nest(key: str, value) -> dict:
    head, *rest = key.split(".")
    for segment in reversed(rest):
        value = {segment: value}
    return {head: value}


def _merge(into: dict, more: dict) -> None:
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


@st.composite
def settings_texts(draw, keys: list[str]):
    """Flat members (repeats make duplicated keys) and nested objects (one per head, as a user
    would write them), in random order."""
    chosen = draw(st.lists(st.sampled_from(keys), max_size=12)) if keys else []
    members: list = []
    heads: dict[str, dict] = {}
    for key in chosen:
        value = draw(JSON_VALUES)
        if "." in key and draw(st.booleans()):
            nested = _nest(key, value)
            head = next(iter(nested))
            if head not in heads:
                heads[head] = {}
                members.append(head)  # placed where it first appears
            _merge(heads[head], nested[head])
        else:
            members.append((key, value))
    lines = [
        f"{json.dumps(m)}: {json.dumps(heads[m])}"
        if isinstance(m, str)
        else f"{json.dumps(m[0])}: {json.dumps(m[1])}"
        for m in members
    ]
    lines.append('"editor.fontSize": 14')
    comma = ",\n    "
    trailing = "," if draw(st.booleans()) else ""
    return "// generated\n{\n    " + comma.join(lines) + trailing + "\n}\n"


@st.composite
def worlds(draw):
    extensions = draw(extension_sets())
    keys = [s.id for s in CORE_SWITCHES if s.file == "settings"]
    keys += [key for _, properties, _ in extensions for key in properties]
    argv = draw(
        st.sampled_from(
            [None, "{}", '{"enable-crash-reporter": true}', '{"enable-crash-reporter": "no"}']
        )
    )
    policy = draw(
        st.sampled_from([None, '{"TelemetryLevel": "all"}', '{"EnableFeedback": true, "X": 1}'])
    )
    return extensions, draw(settings_texts(keys)), argv, policy


def build(home: Path, world) -> Path | None:
    extensions, text, argv, policy = world
    if home.exists():
        shutil.rmtree(home)
    for ident, properties, as_array in extensions:
        install(extensions_of(home), ident, "1.0.0", properties, as_array=as_array)
    write(settings_of(home), text)
    if argv is not None:
        write(argv_of(home), argv)
    if policy is None:
        return None
    return write(home / "etc" / "policy.json", policy)


def _untouched(home: Path) -> dict:
    return {k: v for k, v in values(settings_of(home)).items() if k == "editor.fontSize"}


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(world=worlds())
def test_lockdown_then_audit_exits_0_through_the_cli(tmp_path, world):
    home = tmp_path / "home"
    policy = build(home, world)
    env = clean_env(home)
    extra = ["--policy", "--policy-file", str(policy)] if policy else []
    locked = run_cli("lockdown", *extra, env=env)
    assert locked.code == 0, (locked, settings_of(home).read_text())
    audited = run_cli("audit", *extra[1:], env=env)
    assert audited.code == 0, (audited.out, settings_of(home).read_text())
    assert run_cli("lockdown", "--check", *extra, env=env).code == 0
    assert _untouched(home) == {"editor.fontSize": 14}


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(world=worlds())
def test_lockdown_then_audit_passes_in_process(tmp_path, world):
    home = tmp_path / "home"
    policy_path = build(home, world)
    host = Host("linux", {}, home)

    def audits():
        policy = read_policy(policy_path) if policy_path else None
        return audits_or_raise(audit_all(find_targets(Selection(), host), host, policy))

    write_lockdown(plan_lockdown(audits(), Options(policy=policy_path)))
    after = audits()
    assert all_off(after), [
        (f.switch.id, f.value) for a in after for f in a.findings if f.off is False
    ]
    assert not plan_lockdown(after, Options(policy=policy_path)).changed
    assert _untouched(home) == {"editor.fontSize": 14}
