"""Getting plans out: JSON interchange and PDF handover packs."""
