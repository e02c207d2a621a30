"""The event catalog: model, the installed catalog (like `code --telemetry`), diff, extract/."""
