"""The tsconfig the extraction reads, as the reference picks it: src/tsconfig.json first, then
tsconfig.json; comments and trailing commas allowed; `extends` followed."""

from __future__ import annotations

from telemetry_inspector.catalog.extract.tsconfig import settings_for


def test_comments_and_trailing_commas_are_read_and_strings_left_alone(tmp_path):
    (tmp_path / "tsconfig.json").write_text(
        """{
        // a comment
        "compilerOptions": {
            "baseUrl": "./http:/*not-a-comment*/", /* block */
            "paths": {"@x/*": ["lib/*",],},
            "strict": true,
        },
    }"""
    )
    settings = settings_for(str(tmp_path))
    assert settings.base_url == str(tmp_path / "http:" / "*not-a-comment*")
    assert settings.paths == (("@x/*", ("lib/*",)),)
    assert settings.strict_null_checks is True


def test_a_tsconfig_that_does_not_parse_is_a_located_problem(tmp_path):
    (tmp_path / "tsconfig.json").write_text('{\n  "compilerOptions": {\n    "strict" true\n  }\n}')
    settings = settings_for(str(tmp_path))
    [(path, line, column, message)] = settings.problems
    assert (path, line, column) == (str(tmp_path / "tsconfig.json"), 3, 14)
    assert message.startswith("cannot read this tsconfig: expected a colon")


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
        "unexpected text (values are strings, numbers, true, false, null, {} and [])"
    )
