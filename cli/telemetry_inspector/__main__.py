from telemetry_inspector.app import run

run()
