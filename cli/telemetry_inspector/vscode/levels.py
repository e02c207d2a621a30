"""The effective telemetry level, computed as VS Code computes it.

The rule is getTelemetryLevel() in src/vs/platform/telemetry/common/telemetryUtils.ts: a deprecated
switch set to false forces off; otherwise the level setting (a policy replaces the user's value),
defaulting to all. A value that is not one of the four is no level at all.
"""

from __future__ import annotations

from telemetry_inspector.vscode.model import UNSET, Effective, Level, as_level


def effective_level(
    *,
    configured: object = UNSET,
    deprecated: dict[str, object] | None = None,
    policy: object = UNSET,
) -> Effective:
    """What VS Code computes from the user's value, the deprecated switches and the policy."""
    for key, value in (deprecated or {}).items():
        if value is False:  # only the JSON boolean false counts, as in VS Code (`=== false`)
            return Effective(Level.off, key)
    if policy is not UNSET:
        return Effective(as_level(policy), "policy")
    if configured is UNSET or configured is None:  # `?? 'all'`: null counts as unset
        return Effective(Level.all, "default")
    return Effective(as_level(configured), "settings")
