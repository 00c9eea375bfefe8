"""The editor pages of one AI system, and the system editor that holds them."""
