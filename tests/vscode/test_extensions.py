"""An extension's switches and their off values, derived from manifests (plain dicts here)."""

from __future__ import annotations

import pytest

from telemetry_inspector.vscode.extension_model import Extension
from telemetry_inspector.vscode.extensions import (
    configuration_properties,
    default_value,
    extension_id,
    is_inverted,
    is_switch,
    manifest_switches,
    newest_of_each,
    off_value,
)
from telemetry_inspector.vscode.switch_model import ONLINE, TELEMETRY, UNKNOWN


def manifest(*sections, as_list=None):
    configuration = list(sections) if as_list or len(sections) != 1 else sections[0]
    return {"publisher": "p", "name": "n", "contributes": {"configuration": configuration}}


def section(**properties):
    return {"title": "T", "properties": {k.replace("__", "."): v for k, v in properties.items()}}


def test_configuration_as_one_object_or_an_array_of_them():
    one = manifest(section(a__x={"type": "boolean"}))
    many = manifest(section(a__x={"type": "boolean"}), section(a__y={"type": "string"}))
    assert [key for key, _ in configuration_properties(one)] == ["a.x"]
    assert [key for key, _ in configuration_properties(many)] == ["a.x", "a.y"]


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"contributes": []},
        {"contributes": {"configuration": "x"}},
        {"contributes": {"configuration": [1, {"properties": []}, {"properties": {"a": 1}}]}},
    ],
)
def test_odd_manifests_contribute_nothing(broken):
    assert list(configuration_properties(broken)) == []


@pytest.mark.parametrize(
    ("key", "schema", "chosen"),
    [
        ("a.sendUsage", {"type": "boolean", "tags": ["telemetry"]}, True),
        ("a.fetchIcons", {"type": "boolean", "tags": ["usesOnlineServices"]}, True),
        ("a.endpoint", {"type": "string", "tags": ["telemetry"]}, True),
        ("a.enableTelemetry", {"type": "boolean"}, True),
        ("a.telemetryLevel", {"type": "string", "enum": ["on", "off"]}, True),
        ("a.telemetry.endpoint", {"type": "string"}, False),  # untagged, not a switch
        ("a.enableFeature", {"type": "boolean"}, False),
        ("a.fetch", {"type": "boolean", "tags": ["preview"]}, False),
    ],
)
def test_which_settings_are_switches(key, schema, chosen):
    assert is_switch(key, schema) is chosen


@pytest.mark.parametrize(
    ("key", "schema", "off"),
    [
        ("a.telemetry.enabled", {"type": "boolean"}, False),
        ("a.enableTelemetry", {"type": ["boolean", "null"]}, False),
        ("a.disableTelemetry", {"type": "boolean"}, True),
        ("a.telemetry.disabled", {"type": "boolean"}, True),
        ("a.telemetry.optOut", {"type": "boolean"}, True),
        ("a.noTelemetry", {"type": "boolean"}, True),
        ("a.doNotTrack", {"type": "boolean"}, True),
        ("typescript.disableAutomaticTypeAcquisition", {"type": "boolean"}, True),
        ("a.notifications", {"type": "boolean"}, False),  # "not" only as a whole word
        ("a.telemetryLevel", {"type": "string", "enum": ["all", "error", "off"]}, "off"),
        ("a.telemetry", {"enum": ["On", "Off"]}, "Off"),
        ("a.telemetry", {"enum": ["full", "none"]}, "none"),
        ("a.telemetry", {"enum": ["enabled", "disabled"]}, "disabled"),
        ("a.telemetry", {"enum": ["always", "never"]}, "never"),
        ("a.autoUpdate", {"enum": [True, False, "onlyEnabled"]}, False),
        ("a.disableUpdates", {"enum": [True, False]}, True),
        ("a.telemetry", {"enum": ["basic", "detailed"]}, UNKNOWN),
        ("a.telemetry.sampleRate", {"type": "number"}, UNKNOWN),
        ("a.telemetry.endpoint", {"type": "string"}, UNKNOWN),
    ],
)
def test_off_values(key, schema, off):
    assert off_value(key, schema) is off if isinstance(off, bool) else off_value(key, schema) == off


def test_inversion_looks_past_the_extension_namespace():
    assert not is_inverted("disable.telemetry")  # the namespace is just a name
    assert is_inverted("x.telemetry.opt_out")  # two words, read as one
    assert is_inverted("x.telemetryOptOut")
    assert not is_inverted("x.telemetry.optIn")


@pytest.mark.parametrize(
    ("schema", "default"),
    [
        ({"type": "boolean", "default": None}, None),
        ({"type": "boolean"}, False),
        ({"type": "string"}, ""),
        ({"type": "number"}, 0),
        ({"type": ["array", "null"]}, []),
        ({}, None),
    ],
)
def test_defaults_as_vscode_fills_them_in(schema, default):
    assert default_value(schema) == default


def test_switches_carry_scope_kind_default_and_a_note():
    switches = manifest_switches(
        manifest(
            section(
                redhat__telemetry__enabled={
                    "type": "boolean",
                    "default": None,
                    "tags": ["telemetry", "usesOnlineServices"],
                },
                yaml__schemaStore__enable={
                    "type": "boolean",
                    "default": True,
                    "tags": ["usesOnlineServices"],
                },
                yaml__format__enable={"type": "boolean", "default": True},
            )
        ),
        "redhat.vscode-yaml",
    )
    assert [(s.id, s.kind, s.default, s.off) for s in switches] == [
        ("redhat.telemetry.enabled", TELEMETRY, None, False),
        ("yaml.schemaStore.enable", ONLINE, True, False),
    ]
    assert {s.scope for s in switches} == {"redhat.vscode-yaml"}
    assert "tagged telemetry, usesOnlineServices" in switches[0].note


def test_extension_ids():
    assert extension_id({"publisher": "redhat", "name": "vscode-yaml"}) == "redhat.vscode-yaml"
    assert extension_id({"name": "vscode-yaml"}) is None
    assert extension_id({"publisher": "", "name": "x"}) is None


def test_the_newest_version_of_each_extension_wins_ignoring_case():
    def ext(ident, version):
        return Extension(ident, version, f"/x/{ident}-{version}", False, ())

    chosen = newest_of_each(
        [ext("a.b", "1.9.2"), ext("c.d", "1.0.0"), ext("A.B", "1.10.0"), ext("a.b", "1.10.0-rc")]
    )
    assert [(e.id, e.version) for e in chosen] == [("A.B", "1.10.0"), ("c.d", "1.0.0")]
