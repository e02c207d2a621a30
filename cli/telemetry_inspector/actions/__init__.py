"""The orchestration of each command: options in (typed), the domain called, render/ shown.

One module per command family, imported only when its command runs (docs/architecture.md)."""
