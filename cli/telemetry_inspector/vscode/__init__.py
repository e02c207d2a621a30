"""What VS Code is: its flavors, where each keeps its files on each platform, the level rules."""
