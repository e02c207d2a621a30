"""Building installations and extension folders on disk for the catalog tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import run_in_terminal

HERE = Path(__file__).resolve().parent
NODE_MERGE = HERE / "node_merge.js"
NODE_ROUNDTRIP = HERE / "node_roundtrip.js"

PRODUCT = {
    "nameShort": "Code",
    "nameLong": "Visual Studio Code",
    "dataFolderName": ".vscode",
    "quality": "stable",
}


def catalog(events: dict[str, Any] | None = None, common: dict[str, Any] | None = None) -> dict:
    return {"commonProperties": common or {}, "events": events or {}}


def prop(classification: str = "SystemMetaData", purpose: str = "FeatureInsight", **extra: Any):
    return {"classification": classification, "purpose": purpose, **extra}


def write(path: Path, value: Any) -> Path:
    """Write `value` as compact JSON (bytes and str are written as they are)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(value, bytes):
        path.write_bytes(value)
    elif isinstance(value, str):
        path.write_text(value, encoding="utf-8")
    else:
        path.write_text(json.dumps(value, separators=(",", ":")), encoding="utf-8")
    return path


def make_install(
    root: Path,
    *,
    core: Any = None,
    extensions: Any = None,
    product: dict | None = None,
    builtins: dict[str, tuple[dict, Any]] | None = None,
) -> Path:
    """<root>/resources/app with product.json and both core catalogs; returns the app root."""
    app = root / "resources" / "app"
    write(app / "product.json", product if product is not None else PRODUCT)
    write(app / "package.json", {"name": "code", "version": "1.130.0"})
    if core is not False:
        write(app / "telemetry-core.json", core if core is not None else catalog())
        write(
            app / "telemetry-extensions.json", extensions if extensions is not None else catalog()
        )
    for folder, (manifest, value) in (builtins or {}).items():
        write(app / "extensions" / folder / "package.json", manifest)
        if value is not None:
            write(app / "extensions" / folder / "telemetry.json", value)
    return app


def add_extension(extensions_dir: Path, folder: str, value: Any = None) -> Path:
    """An extension folder with package.json and, unless `value` is None, a telemetry.json."""
    path = extensions_dir / folder
    write(path / "package.json", {"name": folder})
    if value is not None:
        write(path / "telemetry.json", value)
    return path


def node_merge(app_root: Path, extensions_dir: Path | None, builtin: bool = True) -> bytes:
    """The reference: the same merge done by node (see node_merge.js)."""
    args = ["node", str(NODE_MERGE), str(app_root), str(extensions_dir or "-")]
    if builtin and (app_root / "extensions").is_dir():
        args.append(str(app_root / "extensions"))
    done = subprocess.run(args, capture_output=True, check=True, timeout=120)
    return done.stdout


def run_bytes(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """The CLI as a real process, stdout kept as bytes (for byte-for-byte comparisons)."""
    return subprocess.run(
        [sys.executable, "-m", "telemetry_inspector", *args],
        env=env,
        capture_output=True,
        timeout=120,
    )


def has_node() -> bool:
    return shutil.which("node") is not None


def run_tty(*args: str, env: dict[str, str], columns: int = 220) -> tuple[int, str]:
    """The CLI with stdout on a pseudo-terminal (it draws its rich views): (exit code, screen)."""
    run = run_in_terminal(*args, env=env, columns=columns)
    return run.code, run.out
