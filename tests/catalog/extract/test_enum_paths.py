"""Event names from enum members declared in another file: the reference prints the member's
type as `import("/absolute/path").Enum.Member` and trims a character at each end, so the name
depends on where the tree is. Both tools run on the same folder here (a stored expected.json
could not hold such a path)."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import run_cli

_ENUMS = """export enum SavedEvents {
\tSaved = 'enums/saved',
\tAutosaved = 'enums/autosaved',
}

export const enum RunEvents {
\tRun = 'enums/run',
}
"""
_SEND = """import { SavedEvents, RunEvents } from './enums/events.js';

type Simple = { owner: 'enum-team'; comment: 'Enum members from another file.' };
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };

enum Local { One = 'enums/one', Two = 'enums/two' }

export function send(): void {
\ttelemetry.publicLog2<{}, Simple>(SavedEvents.Saved);
\ttelemetry.publicLog2<{}, Simple>(RunEvents.Run);
\ttelemetry.publicLog2<{}, Simple>(Local.Two);
}
"""


def test_enum_member_names_match_the_reference_where_the_tree_is(tmp_path, env, node_tools):
    source = tmp_path / "src"
    (source / "enums").mkdir(parents=True)
    (source / "enums" / "events.ts").write_text(_ENUMS, encoding="utf-8")
    (source / "send.ts").write_text(_SEND, encoding="utf-8")
    extractor = node_tools / "@vscode" / "telemetry-extractor" / "out" / "extractor.js"
    out = tmp_path / "out"
    done = subprocess.run(
        ["node", str(extractor), "--sourceDir", str(source), "--outputDir", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    reference = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))

    ours = run_cli("extract", str(source), env=env, cwd=source)
    assert ours.code == 0, ours.err
    catalog = json.loads(ours.out)
    assert catalog == reference
    stem = (source / "enums" / "events").as_posix()
    assert set(catalog["events"]) == {
        f'mport("{stem}").SavedEvents.Save',
        f'mport("{stem}").RunEvent',
        "ocal.Tw",
    }
