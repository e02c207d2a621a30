"""Generate tests/jsonc/expected/ from tests/jsonc/corpus/ by running the npm reference.

Run by hand after changing the corpus (needs node, and in TELEMETRY_NODE_MODULES the npm packages
jsonc-parser-v2 (npm:jsonc-parser@2.3.1) and monaco-editor):

    TELEMETRY_NODE_MODULES=/path/to/node_modules python tests/jsonc/make_twins.py

For every corpus file it records the indentation VS Code guesses (monaco's guessIndentation), the
parse errors jsonc-parser 2.3.1 reports, and the text modify + applyEdits give for a list of edits.
Nothing here comes from our own code.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
EXPECTED = HERE / "expected"
sys.path.insert(0, str(HERE))

from jsonc_reference import run_reference  # noqa: E402

STANDARD_EDITS = [
    (["telemetry.telemetryLevel"], "off"),
    (["telemetry.telemetryLevel"], "all"),
    (["telemetry.telemetryLevel"], None),
    (["telemetry.enableTelemetry"], None),
    (["telemetry", "telemetryLevel"], "off"),
    (["[json]", "editor.tabSize"], 2),
    (["new", "deep", "path"], {"list": [1, 2.5, "x"], "flag": True, "none": None}),
    (["unicode ✓"], "é\t\u2028😀\u0001"),
]


def edits_for(outline: dict) -> list[tuple[list[str], object]]:
    """The standard edits plus edits of the members this file actually has. None = remove."""
    edits = list(STANDARD_EDITS)
    members = outline["members"]
    if members:
        first, last = members[0][0], members[-1][0]
        edits += [([first], None), ([last], None), ([first], 1e21)]
        edits.append(([last], {"nested": {"empty": {}}, "arr": []}))
    for key, value_type, inner in members:
        if value_type == "object":
            edits.append(([key, "inner.added"], False))
            if inner is not None:
                edits.append(([key, inner], None))
            break
    return edits


def main() -> None:
    node_modules = Path(os.environ["TELEMETRY_NODE_MODULES"])
    files = sorted(CORPUS.glob("*.jsonc"))
    texts = {path.stem: path.read_bytes().decode("utf-8") for path in files}
    probes = []
    for text in texts.values():
        probes += [{"op": "guess", "text": text}, {"op": "parse", "text": text}]
        probes.append({"op": "outline", "text": text})
    answers = iter(run_reference(node_modules, probes))
    plans = {}
    for name, text in texts.items():
        guess, parsed, outline = next(answers), next(answers), next(answers)
        if guess.get("unavailable"):
            sys.exit("monaco-editor is missing from TELEMETRY_NODE_MODULES")
        found = re.search(r"\r\n?|\n", text)
        options = {**guess, "eol": found.group() if found else "\n"}
        plans[name] = (options, parsed["errors"], edits_for(outline))
    requests = []
    for name, (options, _, edits) in plans.items():
        for path, value in edits:
            request = {"op": "edit", "text": texts[name], "path": path, "options": options}
            if value is not None:
                request["value"] = value
            requests.append(request)
    results = iter(run_reference(node_modules, requests))
    EXPECTED.mkdir(exist_ok=True)
    for name, (options, errors, edits) in plans.items():
        cases = []
        for path, value in edits:
            result = next(results)
            case = {"path": path, "remove": value is None, "value": value}
            cases.append({**case, "expected": result.get("text"), "error": result.get("error")})
        twin = {"formatting": options, "errors": errors, "edits": cases}
        body = json.dumps(twin, indent=1, ensure_ascii=False) + "\n"
        (EXPECTED / f"{name}.json").write_text(body, encoding="utf-8")
    print(f"{len(plans)} files, {len(requests)} edits written to {EXPECTED}")


if __name__ == "__main__":
    main()
