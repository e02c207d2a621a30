from telemetry_inspector.app import main

raise SystemExit(main())
