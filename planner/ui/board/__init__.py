"""The live workshop board: a full-screen, keyboard-first view of one system's plan."""
