"""The main window's dialogs: new workspace, add system, preferences, export, help."""
