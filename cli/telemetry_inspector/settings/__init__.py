"""Reading and safely writing settings.json, argv.json and policy.json through the JSONC core."""
