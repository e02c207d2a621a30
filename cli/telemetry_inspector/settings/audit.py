"""The audit: every switch, the value VS Code uses for it, where that value comes from, and
whether it is off.

A value comes from a policy (which overrides the user), the user settings, argv.json, or the
default. The level switch is judged by the level VS Code computes (a deprecated switch left at
false forces it off); with `--level` the level-related switches may let that much through.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.records import replace
from telemetry_inspector.settings.argv import read_argv
from telemetry_inspector.settings.audit_model import Audit, Finding, Source, Sources
from telemetry_inspector.settings.document import load_settings
from telemetry_inspector.settings.model import Argv, Failed, Policy, PolicyScope, Target, policy_for
from telemetry_inspector.settings.survey import Survey
from telemetry_inspector.settings.targets import refuse_unwritable
from telemetry_inspector.settings.values import as_json, look_up, settings_for, values_tree
from telemetry_inspector.vscode.extension_model import Extension
from telemetry_inspector.vscode.levels import effective_level
from telemetry_inspector.vscode.locations import Host
from telemetry_inspector.vscode.model import DEPRECATED_SETTINGS, LEVEL_SETTING, UNSET, Level
from telemetry_inspector.vscode.switch_model import ARGV, TELEMETRY, Switch
from telemetry_inspector.vscode.switches import CORE_SWITCHES, is_off_value

# A web flavor's server process takes its level from the machine settings, and with it on logs
# its start events; it reads no policy (docs/vscode.md, "What the real VS Code server showed").
SERVER_LEVEL = Switch(
    LEVEL_SETTING,
    "server",
    TELEMETRY,
    "all",
    "off",
    file=Source.machine.value,
    level=True,
    note="the server process's own level, in the machine settings: its start events",
)

# From least to most: "at most `error`" lets off, crash and error through.
LEVEL_ORDER = (Level.off, Level.crash, Level.error, Level.all)


def audit_all(
    targets: Iterable[Target],
    host: Host,
    policy: Policy | PolicyScope | None,
    *,
    extensions_dir: Path | None = None,
    app_root: Path | None = None,
    allowed: Level = Level.off,
) -> list[Audit | Failed]:
    """One audit per target; a settings file that cannot be used yields its error in its place.
    A bad --extensions-dir or --app-root concerns every target: it raises, before any is read."""
    survey = Survey(host, extensions_dir=extensions_dir, app_root=app_root)
    results: list[Audit | Failed] = []
    for target in targets:
        try:
            results.append(audit_target(target, policy, survey.sources(target), allowed=allowed))
        except TelemetryError as exc:
            results.append(Failed(target, exc))
    return results


def _server_finding(machine: Path, allowed: Level) -> Finding:
    """The server's level, judged as the window's is, from the machine settings alone."""
    document = load_settings(machine).document
    settings = settings_for(document.root, [LEVEL_SETTING, *DEPRECATED_SETTINGS])
    [finding] = evaluate([SERVER_LEVEL], settings, {}, {}, allowed)
    return replace(finding, source=Source.machine) if finding.source == Source.user else finding


def all_off(results: list[Audit | Failed]) -> bool:
    """The audit's verdict: every switch of every file read is off (unreadable files are
    errors of their own)."""
    return all(result.passed for result in results if isinstance(result, Audit))


def audits_or_raise(results: list[Audit | Failed]) -> list[Audit]:
    """The audits, when every one could be made; else the first error (for a run that writes)."""
    for result in results:
        if isinstance(result, Failed):
            raise result.error
    return [result for result in results if isinstance(result, Audit)]


def all_switches(extensions: Iterable[Extension]) -> list[Switch]:
    """The core switches, then each extension's; a setting declared twice counts once."""
    switches = list(CORE_SWITCHES)
    seen = {switch.id for switch in switches}
    for extension in extensions:
        for switch in extension.switches:
            if switch.id not in seen:
                seen.add(switch.id)
                switches.append(switch)
    return switches


def audit_target(
    target: Target,
    policy: Policy | PolicyScope | None,
    sources: Sources,
    *,
    allowed: Level = Level.off,
) -> Audit:
    """Raises a TelemetryError when the settings file cannot be used."""
    policy = policy_for(policy, target.flavor)  # on Windows and macOS, each flavor has its own
    refuse_unwritable(target)
    loaded = load_settings(target.settings)
    document = loaded.document
    argv = read_argv(target.argv) if target.argv is not None else None
    in_force = policy.values if policy is not None and policy.problem is None else {}
    switches = all_switches(sources.extensions)
    if argv is None:
        switches = [switch for switch in switches if switch.file != ARGV]
    keys = [s.id for s in switches if s.file != ARGV] + list(DEPRECATED_SETTINGS)
    settings = settings_for(document.root, keys)  # a settings file can be large
    findings = evaluate(switches, settings, _argv_values(argv), in_force, allowed)
    if target.machine is not None:
        findings.insert(1, _server_finding(target.machine, allowed))  # after the window's level
    more = (argv.problem,) if argv is not None and argv.problem is not None else ()
    problems = (*sources.problems, *more)
    bad = (loaded.file.invalid, argv.invalid if argv is not None else None)
    not_utf8 = tuple(error for error in bad if error is not None)
    return Audit(target, sources, policy, tuple(findings), problems, not_utf8)


def _argv_values(argv: Argv | None) -> dict[str, Any]:
    return argv.values if argv is not None else {}


def evaluate(
    switches: Iterable[Switch],
    settings: Mapping[str, Any],
    argv: Mapping[str, Any],
    policy: Mapping[str, Any],
    allowed: Level = Level.off,
) -> list[Finding]:
    """Each switch judged on plain values: the settings object, argv.json's, the policy's."""
    tree = values_tree(dict(settings))
    findings = []
    for switch in switches:
        own = argv.get(switch.id, UNSET) if switch.file == ARGV else look_up(tree, switch.id)
        forced = policy.get(switch.policy, UNSET) if switch.policy else UNSET
        finding = _finding(switch, own, forced, argv_file=switch.file == ARGV)
        findings.append(_judge(finding, tree, policy, allowed))
    return findings


def _finding(switch: Switch, own: Any, forced: Any, *, argv_file: bool) -> Finding:
    if forced is not UNSET:
        return Finding(switch, forced, Source.policy, None, own)
    if own is not UNSET:
        return Finding(switch, own, Source.argv if argv_file else Source.user, None, own)
    return Finding(switch, switch.default, Source.default, None, own)


def _judge(
    finding: Finding, tree: dict[str, Any], policy: Mapping[str, Any], allowed: Level
) -> Finding:
    switch = finding.switch
    if switch.id == LEVEL_SETTING:
        return _judge_level(finding, tree, policy, allowed)
    if switch.level and allowed is not Level.off:
        note = f"allowed at level {allowed.value}"
        return Finding(switch, finding.value, finding.source, True, finding.own, note)
    off = is_off_value(switch, finding.value)
    return Finding(switch, finding.value, finding.source, off, finding.own, finding.note)


def _judge_level(
    finding: Finding, tree: dict[str, Any], policy: Mapping[str, Any], allowed: Level
) -> Finding:
    deprecated = {key: look_up(tree, key) for key in DEPRECATED_SETTINGS}
    effective = effective_level(
        configured=finding.own,
        deprecated={k: v for k, v in deprecated.items() if v is not UNSET},
        policy=policy.get(finding.switch.policy or "", UNSET),
    )
    level = effective.level
    off = level is not None and LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(allowed)
    if level is None:
        note = f"{as_json(finding.value)} is not a telemetry level (all, error, crash or off)"
    elif effective.source in DEPRECATED_SETTINGS and finding.value != level.value:
        note = f"forced off by the deprecated {effective.source}: false"
    else:
        note = ""
    return Finding(finding.switch, finding.value, finding.source, off, finding.own, note)
