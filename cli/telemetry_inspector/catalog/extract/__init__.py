"""Events declared in TypeScript source: `__GDPR__` comments and typed `publicLog2` calls,
extracted and merged as Microsoft's @vscode/telemetry-extractor does (see `run.extract`)."""
