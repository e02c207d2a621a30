"""The tsconfig the extraction reads, as the reference picks it: src/tsconfig.json first, then
tsconfig.json; comments and trailing commas allowed; `extends` followed."""

from __future__ import annotations

import json

from telemetry_inspector.catalog.extract.tsconfig import settings_for, strip_jsonc


def test_jsonc_becomes_json_and_strings_are_left_alone():
    text = """{
        // a comment
        "a": "http://example.com/*not a comment*/", /* block */
        "b": ["x", "y",],
        "c": {"d": "say \\"hi\\" // still text",},
    }"""
    stripped = strip_jsonc(text)
    assert len(stripped) == len(text) and stripped.count("\n") == text.count("\n")
    assert json.loads(stripped) == {
        "a": "http://example.com/*not a comment*/",
        "b": ["x", "y"],
        "c": {"d": 'say "hi" // still text'},
    }


def test_src_tsconfig_wins_and_extends_is_followed(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {"strict": false}}')
    (tmp_path / "src" / "base.json").write_text('{"compilerOptions": {"strict": true}}')
    (tmp_path / "src" / "tsconfig.json").write_text(
        '{"extends": "./base", "compilerOptions": {"baseUrl": "."}}'
    )
    settings = settings_for(str(tmp_path))
    assert settings.config_file == str(tmp_path / "src" / "tsconfig.json")
    assert settings.strict_null_checks is True
    assert settings.base_url == str(tmp_path / "src")


def test_strict_null_checks_overrides_strict(tmp_path):
    (tmp_path / "tsconfig.json").write_text(
        '{"compilerOptions": {"strict": true, "strictNullChecks": false}}'
    )
    assert settings_for(str(tmp_path)).strict_null_checks is False


def test_paths_are_relative_to_the_config_that_declares_them(tmp_path):
    (tmp_path / "configs").mkdir()
    (tmp_path / "configs" / "paths.json").write_text(
        '{"compilerOptions": {"paths": {"@x/*": ["../lib/*"]}}}'
    )
    (tmp_path / "tsconfig.json").write_text('{"extends": "./configs/paths.json"}')
    settings = settings_for(str(tmp_path))
    assert settings.paths == (("@x/*", ("../lib/*",)),)
    assert settings.paths_base == str(tmp_path / "configs")


def test_no_tsconfig_means_typescripts_defaults(tmp_path):
    settings = settings_for(str(tmp_path))
    assert (settings.config_file, settings.strict_null_checks, settings.paths) == (None, False, ())


def test_an_unreadable_tsconfig_is_reported_not_fatal(tmp_path, cli):
    (tmp_path / "tsconfig.json").write_text("{ not json")
    settings = settings_for(str(tmp_path))
    assert settings.strict_null_checks is False
    run = cli("extract", str(tmp_path))
    assert run.code == 1
    assert run.out == '{"commonProperties":{},"events":{}}\n'
    assert run.err.splitlines()[0] == (
        f"warning: {tmp_path / 'tsconfig.json'}:1:3: cannot read this tsconfig: "
        "Expecting property name enclosed in double quotes"
    )
