"""PDF exports (handover pack, portfolio pack, on-call cards) built with reportlab."""
