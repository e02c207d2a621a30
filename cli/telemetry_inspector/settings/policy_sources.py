"""Policies as VS Code reads them on each OS (docs/vscode.md, "Policies on every OS").

Linux: one JSON file for every flavor (policy.py). Windows: values under
HKLM, then HKCU, `Software\\Policies\\Microsoft\\<win32RegValueName>`. macOS: the preferences of
the flavor's bundle id, managed ones (what a configuration profile installs) first.

The OS is reached through two small seams so the same rules run here on fakes: a `Registry`
(winreg on Windows, a mapping in tests) and a file system root for the plists (/ on a Mac, a
temporary folder in tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from telemetry_inspector.errors import FileWriteError
from telemetry_inspector.records import record
from telemetry_inspector.settings.model import Policy, PolicyScope
from telemetry_inspector.settings.policy import read_policy
from telemetry_inspector.vscode.flavors import DEFAULT, Flavor
from telemetry_inspector.vscode.locations import Host, policy_file
from telemetry_inspector.vscode.policies import (
    BY_NAME,
    HIVES,
    HKCU,
    HKLM,
    MANAGED_PREFERENCES,
    POLICIES,
    REG_DWORD,
    REG_MULTI_SZ,
    REG_QWORD,
    REG_SZ,
    PolicyDef,
    registry_key,
)

MAX_PLIST_BYTES = 4 * 1024 * 1024  # a preferences plist is a few KB; more is not one to trust
REG_NAMES = {REG_SZ: "REG_SZ", REG_DWORD: "REG_DWORD", REG_MULTI_SZ: "REG_MULTI_SZ"}
REG_NAMES[REG_QWORD] = "REG_QWORD"
SHORT_HIVES = {HKLM: "HKLM", HKCU: "HKCU"}


if TYPE_CHECKING:  # for checkers only: a Protocol class costs a millisecond to define
    from typing import Protocol

    class Registry(Protocol):
        """The part of the Windows registry policies need: one value, read or written."""

        def value(self, hive: str, key: str, name: str) -> tuple[Any, int] | None:
            """(data, REG_* type) as winreg returns them, or None when the key or value is
            absent."""
            ...

        def set_value(self, hive: str, key: str, name: str, data: Any, kind: int) -> None: ...


class MappingRegistry:
    """A registry held in a dict, case-insensitive as Windows' is: for tests and .reg files."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], dict[str, tuple[str, Any, int]]] = {}

    def value(self, hive: str, key: str, name: str) -> tuple[Any, int] | None:
        found = self.keys.get((hive.upper(), key.lower()), {}).get(name.lower())
        return (found[1], found[2]) if found is not None else None

    def set_value(self, hive: str, key: str, name: str, data: Any, kind: int) -> None:
        values = self.keys.setdefault((hive.upper(), key.lower()), {})
        values[name.lower()] = (name, data, kind)


class WindowsRegistry:
    """The real registry, through winreg (imported only here, so only on Windows)."""

    def value(self, hive: str, key: str, name: str) -> tuple[Any, int] | None:
        import winreg  # type: ignore[import-not-found]

        access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY  # VS Code is a 64-bit program
        try:
            with winreg.OpenKey(getattr(winreg, hive), key, 0, access) as handle:
                data, kind = winreg.QueryValueEx(handle, name)
        except OSError:
            return None
        return data, kind

    def set_value(self, hive: str, key: str, name: str, data: Any, kind: int) -> None:
        import winreg  # type: ignore[import-not-found]

        access = winreg.KEY_WRITE | winreg.KEY_WOW64_64KEY
        where = f"{SHORT_HIVES.get(hive, hive)}\\{key}"
        try:
            with winreg.CreateKeyEx(getattr(winreg, hive), key, 0, access) as handle:
                winreg.SetValueEx(handle, name, 0, kind, data)
        except PermissionError:
            raise FileWriteError(
                "cannot write: permission denied",
                path=where,
                hint="machine policies need an administrator's shell",
            ) from None
        except OSError as exc:
            raise FileWriteError(f"cannot write: {exc.strerror or exc}", path=where) from None


@record
class PolicySources:
    """Where the OS keeps policies: the registry, and the root of the plist files."""

    registry: Registry | None = None
    root: Path = Path("/")
    user: str = ""

    @classmethod
    def current(cls, host: Host) -> PolicySources:
        registry = WindowsRegistry() if host.platform == "win32" else None
        return cls(registry, Path("/"), _user_name(host))


def _user_name(host: Host) -> str:
    name = host.env.get("USER") or host.env.get("LOGNAME") or host.env.get("USERNAME")
    if name:
        return name
    import getpass  # macOS only, and only without $USER

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


# -- Windows --------------------------------------------------------------------------------


def registry_value(policy: PolicyDef, data: Any, kind: int) -> tuple[Any, bool]:
    """The value VS Code's reader makes of registry data, and whether it takes it at all:
    strings from REG_SZ (REG_MULTI_SZ lines joined by newlines), booleans and numbers from
    REG_DWORD (REG_QWORD too for numbers)."""
    if policy.type == "string":
        if kind == REG_SZ and isinstance(data, str):
            return data, True
        if kind == REG_MULTI_SZ and isinstance(data, list):
            return "\n".join(str(line) for line in data), True
    elif policy.type == "boolean":
        if kind == REG_DWORD and isinstance(data, int):
            return data != 0, True
    elif kind in (REG_DWORD, REG_QWORD) and isinstance(data, int):
        return data, True
    return None, False


def read_registry_policy(registry: Registry, win32_reg_value_name: str) -> Policy:
    """Each policy from HKLM, else from HKCU; a value of a type VS Code does not read is
    passed over (and said in the notes)."""
    key = registry_key(win32_reg_value_name)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    notes: list[str] = []
    for policy in POLICIES:
        for hive in HIVES:
            found = registry.value(hive, key, policy.name)
            if found is None:
                continue
            value, taken = registry_value(policy, *found)
            where = f"{SHORT_HIVES[hive]}\\{key}"
            if taken:
                values[policy.name] = value
                origins[policy.name] = where
                break
            kind = REG_NAMES.get(found[1], f"type {found[1]}")
            notes.append(
                f"{where}\\{policy.name} is {kind}: VS Code reads a {policy.type} policy only "
                f"from {_reg_kinds(policy)}, so it ignores this value"
            )
    source = f"{SHORT_HIVES[HKLM]}\\{key} (then {SHORT_HIVES[HKCU]})"
    return Policy(None, bool(values), values, None, source, origins, tuple(notes))


def _reg_kinds(policy: PolicyDef) -> str:
    return {
        "string": "REG_SZ or REG_MULTI_SZ",
        "boolean": "REG_DWORD",
        "number": "REG_DWORD or REG_QWORD",
    }[policy.type]


def plan_registry_policy(
    registry: Registry, win32_reg_value_name: str, values: Mapping[str, Any]
) -> list[RegistryChange]:
    """The HKLM values to set so VS Code reads `values` (typed as it reads them): only those
    that differ from what is there."""
    key = registry_key(win32_reg_value_name)
    changes = []
    for name, value in values.items():
        data, kind = registry_data(BY_NAME[name], value)
        found = registry.value(HKLM, key, name)
        if found != (data, kind):
            old = registry_value(BY_NAME[name], *found)[0] if found is not None else None
            changes.append(RegistryChange(f"{SHORT_HIVES[HKLM]}\\{key}", name, old, value))
    return changes


def write_registry_policy(registry: Registry, changes: Iterable[RegistryChange]) -> None:
    for change in changes:
        key = change.key.split("\\", 1)[1]
        registry.set_value(HKLM, key, change.name, *registry_data(BY_NAME[change.name], change.new))


@record
class RegistryChange:
    key: str  # HKLM\Software\Policies\Microsoft\<name>
    name: str
    old: Any  # None: not set (or not of a type VS Code reads)
    new: Any


def registry_data(policy: PolicyDef, value: Any) -> tuple[Any, int]:
    """How a policy value is stored for VS Code to read it back: (data, REG_* type)."""
    if policy.type == "boolean":
        return int(bool(value)), REG_DWORD
    if policy.type == "number":
        return int(value), REG_DWORD
    return str(value), REG_SZ


# -- macOS ----------------------------------------------------------------------------------


def preference_files(
    root: Path, bundle_id: str, user: str, home: Path | None
) -> list[tuple[Path, str]]:
    """The plists VS Code's reader sees for one bundle id, first one wins: managed for this user,
    managed for the machine, then the user's and the machine's own (not managed) preferences."""
    managed = root / MANAGED_PREFERENCES
    files = []
    if user:
        files.append((managed / user / f"{bundle_id}.plist", "managed, this user"))
    files.append((managed / f"{bundle_id}.plist", "managed, every user"))
    if home is not None:
        files.append((home / "Library" / "Preferences" / f"{bundle_id}.plist", "user defaults"))
    files.append((root / "Library" / "Preferences" / f"{bundle_id}.plist", "machine defaults"))
    return files


def read_managed_preferences(
    root: Path, bundle_id: str, user: str = "", home: Path | None = None
) -> Policy:
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    notes: list[str] = []
    for path, label in preference_files(root, bundle_id, user, home):
        found, problem = read_plist(path)
        if problem:
            notes.append(f"{path}: {problem}: VS Code ignores this file")
        for policy in POLICIES:
            if policy.name in values or policy.name not in found:
                continue
            value = found[policy.name]
            if plist_type_fits(policy, value):
                values[policy.name] = value
                origins[policy.name] = f"{path} ({label})"
            else:
                notes.append(
                    f"{path}: {policy.name} is not a {policy.type}: VS Code ignores this value"
                )
    source = str(root / MANAGED_PREFERENCES / f"{bundle_id}.plist")
    return Policy(None, bool(values), values, None, source, origins, tuple(notes))


def plist_type_fits(policy: PolicyDef, value: Any) -> bool:
    """VS Code's reader takes a CFString for a string policy, a CFBoolean for a boolean."""
    if policy.type == "boolean":
        return isinstance(value, bool)
    if policy.type == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def read_plist(path: Path) -> tuple[dict[str, Any], str]:
    """The plist's top-level dictionary, or {} and why it could not be used ("" when absent)."""
    # Here, not at the top: only macOS reads plists, and Linux runs need not load them.
    import plistlib
    import xml.parsers.expat

    try:
        if path.stat().st_size > MAX_PLIST_BYTES:
            return {}, "larger than 4 MB"
        data = path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as exc:
        return {}, f"cannot read: {exc.strerror or exc}"
    try:
        value = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, TypeError, OverflowError, RecursionError):
        return {}, "not a property list"
    except xml.parsers.expat.ExpatError as exc:
        return {}, f"not a property list ({exc})"
    if not isinstance(value, dict):
        return {}, "a property list that is not a dictionary"
    return value, ""


# -- every OS -------------------------------------------------------------------------------


def read_policy_scope(
    host: Host,
    flavors: Iterable[Flavor | None],
    policy_path: Path | None = None,
    sources: PolicySources | None = None,
) -> PolicyScope:
    """The policies in force: a named file (any OS), else the OS's own for each flavor."""
    if policy_path is not None:
        return PolicyScope(read_policy(policy_path))
    default_file = policy_file(host)
    if default_file is not None:
        return PolicyScope(read_policy(Path(default_file)))
    sources = sources or PolicySources.current(host)
    by_flavor: dict[str, Policy] = {}
    for flavor in {(flavor or DEFAULT).id: flavor or DEFAULT for flavor in flavors}.values():
        by_flavor[flavor.id] = read_os_policy(host, flavor, sources)
    return PolicyScope(None, by_flavor)


def read_os_policy(host: Host, flavor: Flavor, sources: PolicySources) -> Policy:
    if host.platform == "win32":
        if sources.registry is None:
            return Policy(None, False, source=registry_key(flavor.win32_policy_key))
        return read_registry_policy(sources.registry, flavor.win32_policy_key)
    home = Path(str(host.home))
    bundle_id = flavor.darwin_bundle_identifier
    return read_managed_preferences(sources.root, bundle_id, sources.user, home)
