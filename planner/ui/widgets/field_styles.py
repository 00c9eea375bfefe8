"""How a field looks when the user must act on it: one look everywhere."""

# Typed text that cannot be stored: kept as typed, framed red, the reason in its tooltip.
INVALID_STYLE = "border: 1px solid #c42b1c; background-color: #fff0f0; color: #1a1a1a;"
