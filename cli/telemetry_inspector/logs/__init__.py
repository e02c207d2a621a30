"""telemetry.log: sessions (which files), lines (parse one line), follow (tail -F), annotate."""
