"""Small widgets shared by the editor pages: pickers, delegates and table panels."""
